package service

import (
	"time"

	"github.com/gloss-dev/gloss/storage"
	"github.com/gloss-dev/gloss/storage/model"
	"golang.org/x/crypto/bcrypt"
)

// MinPasswordLen is the shortest password gloss accepts.
const MinPasswordLen = 8

// HashPassword returns a bcrypt hash of pw, refusing passwords too short to
// be worth hashing or too long for bcrypt (72 bytes).
func HashPassword(pw string) ([]byte, error) {
	if len(pw) < MinPasswordLen {
		return nil, model.Errorf(model.EINVALID, "the password must have at least %d characters", MinPasswordLen)
	}
	if len(pw) > 72 {
		return nil, model.Errorf(model.EINVALID, "the password must have at most 72 bytes")
	}
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
}

func requireAdmin(a Actor, what string) error {
	if a.Role != model.RoleAdmin || a.Disabled {
		return model.Errorf(model.EFORBIDDEN, "only an admin may %s", what)
	}
	return nil
}

// UserInfo is a user as the API shows it: never the hash.
type UserInfo struct {
	Name      string     `json:"name"`
	Role      model.Role `json:"role"`
	Disabled  bool       `json:"disabled"`
	CreatedAt time.Time  `json:"created_at"`
	// Projects lists the user's memberships (admins see every project).
	Projects []Membership `json:"projects"`
}

// Membership is one project a user belongs to.
type Membership struct {
	ID   uint64            `json:"id"`
	Name string            `json:"name"`
	Role model.ProjectRole `json:"role"`
}

// Users lists every user with their memberships (admins only).
func (s *Service) Users(a Actor) ([]UserInfo, error) {
	if err := requireAdmin(a, "list users"); err != nil {
		return nil, err
	}
	us, err := s.store.Users()
	if err != nil {
		return nil, err
	}
	ps, err := s.store.Projects()
	if err != nil {
		return nil, err
	}
	out := make([]UserInfo, 0, len(us))
	for _, u := range us {
		out = append(out, info(u, ps))
	}
	return out, nil
}

func info(u model.User, ps []model.Project) UserInfo {
	ui := UserInfo{Name: u.Name, Role: u.Role, Disabled: u.Disabled, CreatedAt: u.CreatedAt, Projects: []Membership{}}
	for _, p := range ps {
		if r, ok := p.Member(u.Name); ok {
			ui.Projects = append(ui.Projects, Membership{ID: p.ID, Name: p.Name, Role: r})
		}
	}
	return ui
}

// NewUser is the body of POST /api/users.
type NewUser struct {
	Name     string     `json:"name"`
	Password string     `json:"password"`
	Role     model.Role `json:"role"`
}

// CreateUser adds a user (admins only). Role defaults to "user".
func (s *Service) CreateUser(a Actor, in NewUser) (UserInfo, error) {
	if err := requireAdmin(a, "add users"); err != nil {
		return UserInfo{}, err
	}
	if in.Role == "" {
		in.Role = model.RoleUser
	}
	if !in.Role.Valid() {
		return UserInfo{}, model.Errorf(model.EINVALID, "unknown role %q (admin or user; project roles are given in each project's members)", in.Role)
	}
	if !storage.ValidUserName(in.Name) {
		return UserInfo{}, model.Errorf(model.EINVALID, "user name %q must be 1 to 64 letters, digits, '.', '_' or '-'", in.Name)
	}
	if _, err := s.store.User(in.Name); err == nil {
		return UserInfo{}, model.Errorf(model.ECONFLICT, "user %s exists already", in.Name)
	} else if model.ErrorCode(err) != model.ENOTFOUND {
		return UserInfo{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return UserInfo{}, err
	}
	u := model.User{Name: in.Name, Role: in.Role, PasswordHash: hash}
	if err := s.store.PutUser(u); err != nil {
		return UserInfo{}, err
	}
	u, err = s.store.User(in.Name)
	return info(u, nil), err
}

// UserPatch is the body of PATCH /api/users/:name; nil fields stay.
type UserPatch struct {
	Role     *model.Role `json:"role"`
	Password *string     `json:"password"`
	Disabled *bool       `json:"disabled"`
	// Current is the user's present password, needed when they change
	// their own (not when an admin resets someone's).
	Current *string `json:"current_password"`
}

// UpdateUser changes a user's role, password or disabled flag. Admins may
// change anyone (but not disable or demote themselves, so that a server
// always keeps an admin who can log in); a user may change only their own
// password, giving the current one. A new password or disabling ends
// every session and token of the user (but the one changing their own
// password keeps the session they do it from) and closes their sockets.
func (s *Service) UpdateUser(a Actor, name string, in UserPatch) (UserInfo, error) {
	self := a.Name == name
	if a.Role != model.RoleAdmin || a.Disabled {
		if !self || in.Role != nil || in.Disabled != nil {
			return UserInfo{}, model.Errorf(model.EFORBIDDEN, "only an admin may change other users, roles or who is disabled; you may change your own password")
		}
	}
	if in.Role == nil && in.Password == nil && in.Disabled == nil {
		return UserInfo{}, model.Errorf(model.EINVALID, "nothing to change: send role, password or disabled")
	}
	u, err := s.store.User(name)
	if err != nil {
		return UserInfo{}, err
	}
	if in.Role != nil {
		if !in.Role.Valid() {
			return UserInfo{}, model.Errorf(model.EINVALID, "unknown role %q (admin or user)", *in.Role)
		}
		if self && *in.Role != model.RoleAdmin {
			return UserInfo{}, model.Errorf(model.EINVALID, "you may not take your own admin role: another admin can")
		}
		u.Role = *in.Role
	}
	if in.Disabled != nil {
		if self && *in.Disabled {
			return UserInfo{}, model.Errorf(model.EINVALID, "you may not disable yourself: another admin can")
		}
		u.Disabled = *in.Disabled
	}
	if in.Password != nil {
		if self {
			if in.Current == nil || bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(*in.Current)) != nil {
				return UserInfo{}, model.Errorf(model.EFORBIDDEN, "the current password is wrong")
			}
		}
		if u.PasswordHash, err = HashPassword(*in.Password); err != nil {
			return UserInfo{}, err
		}
	}
	if err := s.store.PutUser(u); err != nil {
		return UserInfo{}, err
	}
	switch {
	case in.Disabled != nil && *in.Disabled:
		if err := s.revokeUser(u.Name, "", "your account was disabled"); err != nil {
			return UserInfo{}, err
		}
	case in.Password != nil:
		keep := ""
		if self {
			keep = a.Cred
		}
		if err := s.revokeUser(u.Name, keep, "your password was changed"); err != nil {
			return UserInfo{}, err
		}
	case in.Role != nil:
		// Rights changed: sockets reconnect and get the new ones.
		s.hooks.Revoked(Revocation{User: u.Name, Why: "your role was changed", Reconnect: true})
	}
	ps, err := s.store.Projects()
	if err != nil {
		return UserInfo{}, err
	}
	return info(u, ps), nil
}

func (s *Service) revokeUser(name, keep, why string) error {
	gone, err := s.store.RevokeUser(name, keep)
	if err != nil {
		return err
	}
	if keep == "" {
		s.hooks.Revoked(Revocation{User: name, Why: why})
		return nil
	}
	ids := make([]string, len(gone))
	for i, c := range gone {
		ids[i] = c.ID
	}
	if len(ids) > 0 {
		s.hooks.Revoked(Revocation{User: name, Creds: ids, Why: why})
	}
	return nil
}

// DeleteUser removes a user (admins only; not oneself), ending their
// sessions, tokens and sockets. Their annotations keep their name.
func (s *Service) DeleteUser(a Actor, name string) error {
	if err := requireAdmin(a, "delete users"); err != nil {
		return err
	}
	if a.Name == name {
		return model.Errorf(model.EINVALID, "you may not delete yourself: another admin can")
	}
	if err := s.store.DeleteUser(name); err != nil {
		return err
	}
	s.hooks.Revoked(Revocation{User: name, Why: "your account was deleted"})
	return nil
}

// Logout ends the session a came with and closes the sockets it opened.
func (s *Service) Logout(a Actor, secret string) error {
	if err := s.store.DeleteCredential(storage.CredSession, secret); err != nil {
		return err
	}
	if a.Cred != "" {
		s.hooks.Revoked(Revocation{User: a.Name, Creds: []string{a.Cred}, Why: "you logged out"})
	}
	return nil
}

// NewToken is the body of POST /api/tokens.
type NewToken struct {
	Name string `json:"name"`
	TTL  string `json:"ttl"` // a Go duration such as "720h"; "" never expires
}

// CreatedToken answers POST /api/tokens: the secret is shown only here.
type CreatedToken struct {
	storage.Credential
	Token string `json:"token"`
}

// MaxTokenTTL bounds a token's lifetime when one is given.
const MaxTokenTTL = 10 * 365 * 24 * time.Hour

// CreateToken makes an API token for a itself.
func (s *Service) CreateToken(a Actor, in NewToken) (CreatedToken, error) {
	if len(in.Name) > 100 {
		return CreatedToken{}, model.Errorf(model.EINVALID, "a token's name has at most 100 bytes")
	}
	var ttl time.Duration
	if in.TTL != "" {
		d, err := time.ParseDuration(in.TTL)
		if err != nil || d <= 0 || d > MaxTokenTTL {
			return CreatedToken{}, model.Errorf(model.EINVALID, "ttl must be a positive duration such as \"720h\" (at most %s), not %q", MaxTokenTTL, in.TTL)
		}
		ttl = d
	}
	secret, c, err := s.store.NewNamedCredential(storage.CredToken, a.Name, in.Name, ttl)
	if err != nil {
		return CreatedToken{}, err
	}
	return CreatedToken{Credential: c, Token: secret}, nil
}

// Tokens lists a's own tokens; an admin's lists everyone's.
func (s *Service) Tokens(a Actor) ([]storage.Credential, error) {
	who := a.Name
	if a.Role == model.RoleAdmin {
		who = ""
	}
	return s.store.Credentials(storage.CredToken, who)
}

// RevokeToken deletes a token by id: one's own, or anyone's for an admin.
// Sockets opened with it close.
func (s *Service) RevokeToken(a Actor, id string) error {
	list, err := s.Tokens(a)
	if err != nil {
		return err
	}
	for _, c := range list {
		if c.ID == id {
			if _, err := s.store.RevokeCredential(storage.CredToken, id); err != nil {
				return err
			}
			s.hooks.Revoked(Revocation{User: c.User, Creds: []string{id}, Why: "the token was revoked"})
			return nil
		}
	}
	return model.Errorf(model.ENOTFOUND, "token %q not found", id)
}
