package model

import "fmt"

// Permission is one thing a user may or may not do in a project.
type Permission string

// Permissions, one per kind of action. Every door (REST, websocket,
// import, label-text, export, the CLI) asks for one of these through the
// application layer (server/service) before it acts.
const (
	PermView          Permission = "view"           // see the project, its articles and annotations; open live sockets
	PermAnnotate      Permission = "annotate"       // create annotations; update and delete their own
	PermEditOthers    Permission = "edit_others"    // update and delete annotations someone else created
	PermSetStatus     Permission = "set_status"     // mark articles new, in progress or done
	PermReview        Permission = "review"         // read every layer, adjudicate gold, reopen, agreement
	PermAddArticles   Permission = "add_articles"   // create and import articles
	PermExport        Permission = "export"         // export the project's data
	PermLabelText     Permission = "label_text"     // label a text in every article, and bulk-delete
	PermEditProject   Permission = "edit_project"   // the label schema and project settings
	PermManageMembers Permission = "manage_members" // who is a member, with which role
	PermKeepAuthors   Permission = "keep_authors"   // import with the file's authors as gloss authors (admin only)
)

// Grant is one row of the permission table: what each project role may do.
type Grant struct {
	Perm                         Permission
	Annotator, Reviewer, Manager bool
	What                         string // for people: the README table and 403 messages
}

// Grants is the permission table, the one place that says who may do
// what. Global admins may do everything everywhere, PermKeepAuthors only
// they. An annotator's PermEditOthers depends on the project's
// annotators_edit_all setting (see Can).
var Grants = []Grant{
	{PermView, true, true, true, "see the project, its articles and annotations, and join live"},
	{PermAnnotate, true, true, true, "create annotations, update and delete their own"},
	{PermEditOthers, false, true, true, "update and delete anyone's annotations (annotators too when the project's annotators_edit_all is on)"},
	{PermSetStatus, false, true, true, "set an article's status (new, in progress, done)"},
	{PermReview, false, true, true, "see every annotator's layer of an independent project, adjudicate it into gold, mark articles reviewed or reopen them, and read agreement"},
	{PermAddArticles, false, true, true, "add and import articles"},
	{PermExport, false, true, true, "export"},
	{PermLabelText, false, true, true, "label a text in every article, bulk-delete annotations"},
	{PermEditProject, false, false, true, "edit the label schema and project settings"},
	{PermManageMembers, false, false, true, "add and remove members, set their roles"},
	{PermKeepAuthors, false, false, false, "import with the file's authors and times as gloss's own (admins only)"},
}

func grant(perm Permission) Grant {
	for _, g := range Grants {
		if g.Perm == perm {
			return g
		}
	}
	return Grant{Perm: perm}
}

// RoleIn returns u's role in p: "admin" stands for a global admin, who is
// everything everywhere; ok is false when u is not a member.
func RoleIn(u User, p Project) (role ProjectRole, ok bool) {
	if u.Role == RoleAdmin {
		return "admin", true
	}
	return p.Member(u.Name)
}

// Can reports whether u may do perm in p.
func Can(u User, p Project, perm Permission) bool {
	if u.Disabled {
		return false
	}
	if u.Role == RoleAdmin {
		return true
	}
	role, ok := p.Member(u.Name)
	if !ok {
		return false
	}
	g := grant(perm)
	switch role {
	case RoleManager:
		return g.Manager
	case RoleReviewer:
		return g.Reviewer
	case RoleAnnotator:
		return g.Annotator || (perm == PermEditOthers && p.AnnotatorsEditAll)
	}
	return false
}

// Check returns nil when u may do perm in p; otherwise ENOTFOUND when u
// is not a member (a project one cannot see does not exist for them), or
// EFORBIDDEN with a message naming what is missing.
func Check(u User, p Project, perm Permission) error {
	if Can(u, p, perm) {
		return nil
	}
	role, ok := RoleIn(u, p)
	if !ok || u.Disabled {
		return Errorf(ENOTFOUND, "project %d not found", p.ID)
	}
	return Errorf(EFORBIDDEN, "you may not %s in project %q: %s", grant(perm).What, p.Name, needs(perm, role))
}

// needs says which role perm takes, for a member whose role is has.
func needs(perm Permission, has ProjectRole) string {
	g := grant(perm)
	var want string
	switch {
	case g.Reviewer:
		want = "the reviewer or manager role"
	case g.Manager:
		want = "the manager role"
	default:
		want = "a global admin"
	}
	if perm == PermEditOthers {
		want += ", or annotators_edit_all on"
	}
	return fmt.Sprintf("that takes %s (you are %s)", want, has)
}
