package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/gloss-dev/gloss/storage/model"
	bolt "go.etcd.io/bbolt"
)

// storedUser is a user as written to disk: model.User keeps its hash out of JSON.
type storedUser struct {
	Name         string     `json:"name"`
	Role         model.Role `json:"role"`
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
	if !u.Role.Valid() {
		return model.Errorf(model.EINVALID, "unknown role %q (admin, reviewer or annotator)", u.Role)
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

type credential struct {
	User    string    `json:"user"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires,omitzero"`
}

func secretKey(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// NewCredential creates a random secret for user and returns it; only its
// hash is stored. ttl 0 means it never expires.
func (db *DB) NewCredential(kind CredKind, userName string, ttl time.Duration) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	prefix := "gls_"
	if kind == CredSession {
		prefix = ""
	}
	secret := prefix + base64.RawURLEncoding.EncodeToString(raw)
	now := db.now()
	c := credential{User: userName, Created: now}
	if ttl > 0 {
		c.Expires = now.Add(ttl)
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if _, err := user(tx, userName); err != nil {
			return err
		}
		return putJSON(tx.Bucket(kind.bucket()), secretKey(secret), c)
	})
	if err != nil {
		return "", wrap(err, "new "+string(kind))
	}
	return secret, nil
}

// Authenticate returns the user a secret belongs to.
func (db *DB) Authenticate(kind CredKind, secret string) (model.User, error) {
	var u model.User
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var c credential
		ok, err := getJSON(tx.Bucket(kind.bucket()), secretKey(secret), &c)
		if err != nil {
			return err
		}
		if !ok || (!c.Expires.IsZero() && db.now().After(c.Expires)) {
			return model.Errorf(model.EUNAUTHORIZED, "invalid or expired %s", kind)
		}
		u, err = user(tx, c.User)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Errorf(model.EUNAUTHORIZED, "the %s's user no longer exists", kind)
		}
		return err
	})
	return u, wrap(err, "authenticate")
}

// DeleteCredential revokes a secret. Revoking an unknown one is not an error.
func (db *DB) DeleteCredential(kind CredKind, secret string) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(kind.bucket()).Delete(secretKey(secret))
	})
	return wrap(err, "delete "+string(kind))
}
