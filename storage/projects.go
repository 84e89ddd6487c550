package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// Projects lists every project in creation order.
func (db *DB) Projects() ([]model.Project, error) {
	var out []model.Project
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProjects).ForEach(func(k, v []byte) error {
			var p model.Project
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("project %d: %w", btoi(k), err)
			}
			out = append(out, withDefaults(p))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: projects: %w", err)
	}
	return out, nil
}

// Project returns the project with the given id.
// Every change and permission check reads its project: it is cached
// (UpdateProject and DeleteUser forget it), which takes a permission
// check from 16 µs to 0.1 µs (BenchmarkArticleProject).
// Callers must not change the slices of the project they get.
func (db *DB) Project(id uint64) (model.Project, error) {
	p, gen, ok := db.cache.cachedProject(id)
	if ok {
		return p, nil
	}
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		p, err = project(tx, id)
		return err
	})
	if err == nil {
		db.cache.putProject(p, gen)
	}
	return p, err
}

func project(tx *bolt.Tx, id uint64) (model.Project, error) {
	var p model.Project
	ok, err := getJSON(tx.Bucket(bucketProjects), itob(id), &p)
	if err != nil {
		return p, fmt.Errorf("storage: project %d: %w", id, err)
	}
	if !ok {
		return p, model.Errorf(model.ENOTFOUND, "project %d not found", id)
	}
	return withDefaults(p), nil
}

// withDefaults fills in the settings of a project stored before they
// existed (schema 3 files): shared, one annotator per article.
func withDefaults(p model.Project) model.Project {
	if p.Mode == "" {
		p.Mode = model.ModeShared
	}
	if p.AnnotatorsPerArticle == 0 {
		p.AnnotatorsPerArticle = 1
	}
	if p.Annotators == nil {
		p.Annotators = []string{}
	}
	if p.Members == nil {
		p.Members = []model.Member{}
	}
	if p.Relations == nil {
		p.Relations = []model.RelationType{}
	}
	return p
}

// CreateProject validates and stores a new project.
func (db *DB) CreateProject(p model.Project) (model.Project, error) {
	if err := model.ValidateProject(p); err != nil {
		return p, err
	}
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		p, err = db.createProject(tx, p)
		return err
	})
	return p, err
}

func (db *DB) createProject(tx *bolt.Tx, p model.Project) (model.Project, error) {
	b := tx.Bucket(bucketProjects)
	if err := nameFree(b, 0, p.Name); err != nil {
		return p, err
	}
	id, err := b.NextSequence()
	if err != nil {
		return p, err
	}
	p.ID, p.CreatedAt = id, db.now()
	p = withDefaults(p)
	for i := range p.Labels {
		if p.Labels[i].Attrs == nil {
			p.Labels[i].Attrs = []model.AttrSpec{}
		}
	}
	return p, putJSON(b, itob(id), p)
}

// UpdateProject changes a project in one transaction: fn gets the stored
// project and changes it; the result is validated (schema, members that
// exist as users, a name not taken) before it is written. The id and
// creation time cannot change.
func (db *DB) UpdateProject(id uint64, fn func(p *model.Project) error) (model.Project, error) {
	var p model.Project
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var err error
		if p, err = project(tx, id); err != nil {
			return err
		}
		before := mustMarshal(p.Labels) // fn may change the slice in place
		if err := fn(&p); err != nil {
			return err
		}
		p.ID = id
		if err := model.ValidateProject(p); err != nil {
			return err
		}
		if err := checkMembers(tx, p.Members); err != nil {
			return err
		}
		if !bytes.Equal(before, mustMarshal(p.Labels)) {
			if err := checkInUse(tx, p); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketProjects)
		if err := nameFree(b, id, p.Name); err != nil {
			return err
		}
		db.cache.forgetProject(id)
		return putJSON(b, itob(id), p)
	})
	// Again after the commit: a read that began before it may have cached
	// the old project in between.
	db.cache.forgetProject(id)
	if err != nil {
		return p, wrap(err, "update project")
	}
	return p, nil
}

// nameFree refuses a project name that another project's (not id's)
// looks like: the same letters in another case, or look-alike letters of
// another script (model.Skeleton), which people could not tell apart in
// the project picker.
func nameFree(b *bolt.Bucket, id uint64, name string) error {
	want := model.Skeleton(name)
	return b.ForEach(func(k, v []byte) error {
		var q model.Project
		if btoi(k) == id || json.Unmarshal(v, &q) != nil || model.Skeleton(q.Name) != want {
			return nil
		}
		if q.Name == name || strings.EqualFold(q.Name, name) {
			return model.Errorf(model.ECONFLICT, "a project called %q exists already", q.Name)
		}
		return model.Errorf(model.ECONFLICT, "%q looks like the existing project %q: pick a name people can tell apart", name, q.Name)
	})
}

// checkInUse refuses a label schema that an annotation of the project no
// longer fits: a label removed, an attribute or an enum value taken away
// while in use. It reads every annotation of the project, so it is done
// only when the schema changed.
func checkInUse(tx *bolt.Tx, p model.Project) error {
	return tx.Bucket(bucketList).ForEach(func(k, v []byte) error {
		e, err := decodeList(v)
		if err != nil || e.Project != p.ID {
			return err
		}
		return docBucket(tx, btoi(k)).Bucket(bucketAnn).ForEach(func(_, v []byte) error {
			var an model.Annotation
			if err := json.Unmarshal(v, &an); err != nil {
				return err
			}
			l, ok := p.Label(an.Label)
			if !ok {
				return model.Errorf(model.EINVALID, "label %s is still used (annotation %d in article %d): relabel or delete those first", an.Label, an.ID, btoi(k))
			}
			if err := model.ValidateAttrs(l, an.Attrs); err != nil {
				return model.Errorf(model.EINVALID, "annotation %d in article %d would no longer fit: %s", an.ID, btoi(k), model.ErrorMessage(err))
			}
			return nil
		})
	})
}

func mustMarshal(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// checkMembers makes sure every member is a user, named once, with a
// known project role.
func checkMembers(tx *bolt.Tx, ms []model.Member) error {
	seen := map[string]bool{}
	for _, m := range ms {
		if !m.Role.Valid() {
			return model.Errorf(model.EINVALID, "member %s: unknown role %q (annotator, reviewer or manager)", m.Name, m.Role)
		}
		if seen[m.Name] {
			return model.Errorf(model.EINVALID, "member %s is listed twice", m.Name)
		}
		seen[m.Name] = true
		if _, err := user(tx, m.Name); err != nil {
			if model.ErrorCode(err) == model.ENOTFOUND {
				return model.Errorf(model.EINVALID, "member %s: no such user", m.Name)
			}
			return err
		}
	}
	return nil
}

// migrateMembers (schema 2 → 3) brings in project membership. Before it,
// every user could do everything everywhere and the roles annotator and
// reviewer were global; now they are roles in a project. So every
// non-admin user becomes a member, with the role they had, of every
// project there is (no one loses access on upgrade), their global role
// becomes "user", and every project lets annotators edit others'
// annotations, as everyone could.
func migrateMembers(tx *bolt.Tx) error {
	users := tx.Bucket(bucketUsers)
	var members []model.Member
	err := users.ForEach(func(k, v []byte) error {
		var u storedUser
		if err := json.Unmarshal(v, &u); err != nil {
			return fmt.Errorf("user %s: %w", k, err)
		}
		switch old := string(u.Role); old {
		case "annotator", "reviewer":
			members = append(members, model.Member{Name: u.Name, Role: model.ProjectRole(old)})
			u.Role = model.RoleUser
			return putJSON(users, k, u)
		}
		return nil
	})
	if err != nil {
		return err
	}
	ps := tx.Bucket(bucketProjects)
	return ps.ForEach(func(k, v []byte) error {
		var p model.Project
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("project %d: %w", btoi(k), err)
		}
		p.AnnotatorsEditAll = true
		for _, m := range members {
			if _, ok := p.Member(m.Name); !ok {
				p.Members = append(p.Members, m)
			}
		}
		return putJSON(ps, k, p)
	})
}
