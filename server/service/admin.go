package service

import "io"

// Backup writes a consistent copy of the whole database to w (admins
// only): see storage.DB.Backup.
func (s *Service) Backup(a Actor, w io.Writer) (int64, error) {
	if err := requireAdmin(a, "take a backup"); err != nil {
		return 0, err
	}
	return s.store.Backup(w)
}

// MayBackup says whether a may take a backup, before a response starts.
func (s *Service) MayBackup(a Actor) error { return requireAdmin(a, "take a backup") }
