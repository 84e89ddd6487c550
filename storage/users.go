package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// storedUser is a user as written to disk: model.User keeps its hash out of JSON.
type storedUser struct {
	Name         string     `json:"name"`
	Role         model.Role `json:"role"`
	Disabled     bool       `json:"disabled,omitempty"`
	PasswordHash []byte     `json:"password_hash"`
	CreatedAt    time.Time  `json:"created_at"`
}

var userName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidUserName reports whether name may name a user.
func ValidUserName(name string) bool { return userName.MatchString(name) }

// Users lists every user by name.
func (db *DB) Users() ([]model.User, error) {
	out := []model.User{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(_, v []byte) error {
			var u storedUser
			if err := json.Unmarshal(v, &u); err != nil {
				return err
			}
			out = append(out, model.User(u))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: users: %w", err)
	}
	return out, nil
}

// User returns the user called name.
func (db *DB) User(name string) (model.User, error) {
	var u model.User
	err := db.bolt.View(func(tx *bolt.Tx) (err error) {
		u, err = user(tx, name)
		return err
	})
	return u, err
}

func user(tx *bolt.Tx, name string) (model.User, error) {
	var u storedUser
	ok, err := getJSON(tx.Bucket(bucketUsers), []byte(name), &u)
	if err != nil {
		return model.User{}, fmt.Errorf("storage: user %s: %w", name, err)
	}
	if !ok {
		return model.User{}, model.Errorf(model.ENOTFOUND, "user %q not found", name)
	}
	return model.User(u), nil
}

// PutUser creates or replaces a user. The caller hashes the password.
func (db *DB) PutUser(u model.User) error {
	if !ValidUserName(u.Name) {
		return model.Errorf(model.EINVALID, "user name %q must be 1 to 64 letters, digits, '.', '_' or '-'", u.Name)
	}
	if u.Name == model.Gold {
		return model.Errorf(model.EINVALID, "user name %q is taken by the gold layer of independent projects; choose another", u.Name)
	}
	if !u.Role.Valid() {
		return model.Errorf(model.EINVALID, "unknown role %q (admin or user; project roles are set per project)", u.Role)
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.now()
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketUsers), []byte(u.Name), storedUser(u))
	})
	if err != nil {
		return fmt.Errorf("storage: put user %s: %w", u.Name, err)
	}
	return nil
}

// DeleteUser removes a user with every session and token of theirs, and
// their memberships. Their annotations keep their name as author.
func (db *DB) DeleteUser(name string) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if _, err := user(tx, name); err != nil {
			return err
		}
		if err := tx.Bucket(bucketUsers).Delete([]byte(name)); err != nil {
			return err
		}
		if _, err := revokeWhere(tx, func(c Credential) bool { return c.User == name }); err != nil {
			return err
		}
		ps := tx.Bucket(bucketProjects)
		return ps.ForEach(func(k, v []byte) error {
			var p model.Project
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			kept := p.Members[:0:0]
			for _, m := range p.Members {
				if m.Name != name {
					kept = append(kept, m)
				}
			}
			if len(kept) == len(p.Members) {
				return nil
			}
			p.Members = kept
			db.cache.forgetProject(p.ID)
			return putJSON(ps, k, p)
		})
	})
	db.cache.forgetProjects() // after the commit too (see UpdateProject)
	return wrap(err, "delete user "+name)
}

// CredKind tells API tokens from browser sessions.
type CredKind string

// Credential kinds.
const (
	CredToken   CredKind = "token"
	CredSession CredKind = "session"
)

func (k CredKind) bucket() []byte {
	if k == CredSession {
		return bucketSessions
	}
	return bucketTokens
}

// Credential is a session or an API token as gloss keeps it: never its
// secret, only the secret's hash (the key) and this record.
//
// Records written before ids existed lack ID, Kind and Name: ID and Kind
// are derived from the key and the bucket whenever one is read.
type Credential struct {
	ID      string    `json:"id"` // public handle: listing, revoking, closing its sockets
	Kind    CredKind  `json:"kind"`
	Name    string    `json:"name,omitempty"` // what a token is for, as its owner named it
	User    string    `json:"user"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires,omitzero"` // zero: never
}

func secretKey(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// credID derives a stored credential's public id from its key, so that
// records written before ids existed have one too.
func credID(key []byte) string { return hex.EncodeToString(key[:8]) }

// NewCredential creates a random secret for user and returns it; only its
// hash is stored. ttl 0 means it never expires.
func (db *DB) NewCredential(kind CredKind, userName string, ttl time.Duration) (string, error) {
	secret, _, err := db.NewNamedCredential(kind, userName, "", ttl)
	return secret, err
}

// NewNamedCredential is NewCredential with a name for people (what a token
// is for), and it returns the stored record too.
func (db *DB) NewNamedCredential(kind CredKind, userName, name string, ttl time.Duration) (string, Credential, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", Credential{}, err
	}
	prefix := "gls_"
	if kind == CredSession {
		prefix = ""
	}
	secret := prefix + base64.RawURLEncoding.EncodeToString(raw)
	now := db.now()
	key := secretKey(secret)
	c := Credential{ID: credID(key), Kind: kind, Name: name, User: userName, Created: now}
	if ttl > 0 {
		c.Expires = now.Add(ttl)
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		u, err := user(tx, userName)
		if err != nil {
			return err
		}
		if u.Disabled {
			return model.Errorf(model.EFORBIDDEN, "user %s is disabled", userName)
		}
		return putJSON(tx.Bucket(kind.bucket()), key, c)
	})
	if err != nil {
		return "", Credential{}, wrap(err, "new "+string(kind))
	}
	return secret, c, nil
}

// Authenticate returns the user a secret belongs to.
func (db *DB) Authenticate(kind CredKind, secret string) (model.User, error) {
	u, _, err := db.AuthenticateCred(kind, secret)
	return u, err
}

// AuthenticateCred returns the user a secret belongs to and its
// credential. A disabled user's credentials are refused.
func (db *DB) AuthenticateCred(kind CredKind, secret string) (model.User, Credential, error) {
	var u model.User
	var c Credential
	key := secretKey(secret)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(kind.bucket()), key, &c)
		if err != nil {
			return err
		}
		if !ok || (!c.Expires.IsZero() && db.now().After(c.Expires)) {
			return model.Errorf(model.EUNAUTHORIZED, "invalid or expired %s", kind)
		}
		c.ID, c.Kind = credID(key), kind
		u, err = user(tx, c.User)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Errorf(model.EUNAUTHORIZED, "the %s's user no longer exists", kind)
		}
		if err == nil && u.Disabled {
			return model.Errorf(model.EUNAUTHORIZED, "user %s is disabled", u.Name)
		}
		return err
	})
	return u, c, wrap(err, "authenticate")
}

// DeleteCredential revokes a secret. Revoking an unknown one is not an error.
func (db *DB) DeleteCredential(kind CredKind, secret string) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(kind.bucket()).Delete(secretKey(secret))
	})
	return wrap(err, "delete "+string(kind))
}

// Credentials lists the sessions or tokens of user ("" for everyone's),
// oldest first, leaving out expired ones.
func (db *DB) Credentials(kind CredKind, userName string) ([]Credential, error) {
	out := []Credential{}
	now := db.now()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return eachCredential(tx.Bucket(kind.bucket()), kind, func(_ []byte, c Credential) error {
			if (userName == "" || c.User == userName) && (c.Expires.IsZero() || now.Before(c.Expires)) {
				out = append(out, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, wrap(err, "credentials")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, nil
}

// RevokeCredential deletes the session or token with the given id and
// returns it; ENOTFOUND when there is none.
func (db *DB) RevokeCredential(kind CredKind, id string) (Credential, error) {
	var gone []Credential
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		gone, err = revokeWhere(tx, func(c Credential) bool { return c.Kind == kind && c.ID == id })
		return err
	})
	if err != nil {
		return Credential{}, wrap(err, "revoke "+string(kind))
	}
	if len(gone) == 0 {
		return Credential{}, model.Errorf(model.ENOTFOUND, "%s %q not found", kind, id)
	}
	return gone[0], nil
}

// RevokeUser deletes every session and token of user except the one
// whose id is keep (the session making a password change), and returns
// what it deleted.
func (db *DB) RevokeUser(userName, keep string) ([]Credential, error) {
	var gone []Credential
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		gone, err = revokeWhere(tx, func(c Credential) bool { return c.User == userName && c.ID != keep })
		return err
	})
	return gone, wrap(err, "revoke credentials of "+userName)
}

// PurgeExpired deletes every expired session and token and says how many.
func (db *DB) PurgeExpired() (int, error) {
	now := db.now()
	var gone []Credential
	err := db.bolt.Update(func(tx *bolt.Tx) (err error) {
		gone, err = revokeWhere(tx, func(c Credential) bool { return !c.Expires.IsZero() && now.After(c.Expires) })
		return err
	})
	return len(gone), wrap(err, "purge expired credentials")
}

// eachCredential calls fn with every record of a sessions or tokens
// bucket, its ID and Kind filled in.
func eachCredential(b *bolt.Bucket, kind CredKind, fn func(key []byte, c Credential) error) error {
	return b.ForEach(func(k, v []byte) error {
		var c Credential
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
		c.ID, c.Kind = credID(k), kind
		return fn(k, c)
	})
}

// revokeWhere deletes the sessions and tokens that match.
func revokeWhere(tx *bolt.Tx, match func(Credential) bool) ([]Credential, error) {
	var gone []Credential
	for _, kind := range []CredKind{CredSession, CredToken} {
		b := tx.Bucket(kind.bucket())
		var keys [][]byte
		err := eachCredential(b, kind, func(k []byte, c Credential) error {
			if match(c) {
				keys = append(keys, append([]byte(nil), k...))
				gone = append(gone, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return nil, err
			}
		}
	}
	return gone, nil
}
