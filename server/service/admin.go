package service

import "io"

// Backup checks that a may take a backup (admins only) and returns what
// writes it: a consistent copy of the whole database (see
// storage.DB.Backup). The check comes first so that a refusal is answered
// before a response starts streaming.
func (s *Service) Backup(a Actor) (func(w io.Writer) (int64, error), error) {
	if err := requireAdmin(a, "take a backup"); err != nil {
		return nil, err
	}
	return s.store.Backup, nil
}
