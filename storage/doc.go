// Package storage keeps gloss's data in one bbolt file.
//
// # Key layout
//
//	meta                      "schema" → schema version (8-byte big-endian)
//	projects                  id → Project JSON
//	articles                  id → Article JSON without its text
//	list                      id → project ‖ status ‖ title ‖ source, binary (list.go): what the list filters on
//	texts                     id → the article text, byte-exact as imported
//	hashes                    project id ‖ SHA-256(text) → article id (import dedup)
//	docs/<article id>/ann     annotation id → Annotation JSON (Text not stored: derived)
//	docs/<article id>/ops     version → Op JSON: the article's op log
//	docs/<article id>/opids   author NUL op_id → version (idempotent client ops)
//	annseq                    only its sequence: annotation ids, unique across the file
//	users                     name → user JSON (with the password hash)
//	tokens, sessions          SHA-256(secret) → credential JSON; secrets are never stored
//
// Ids come from NextSequence and are stored as 8-byte big-endian keys, so
// cursor order is creation order.
//
// # Offsets
//
// Annotation offsets are Unicode code points, end exclusive. Texts are
// valid UTF-8; they never change once stored, so offsets stay true.
//
// # Transactions
//
// Exported methods own their transaction; unexported helpers take a *bbolt.Tx.
// An annotation change, its op-log entry and the article's version and count
// are written in one transaction. Concurrent changes are group-committed
// (commit.go): one goroutine commits everything that queued while the
// previous commit ran, so writers share an fsync without waiting on a
// timer. A change that is refused writes nothing and does not abort the
// others; on any other error the group is retried one change per
// transaction, so a change function may run twice. The queue is FIFO and a
// group applies its changes in queue order, so ApplyAsync lets one caller
// (a live socket) keep several changes in flight and still have them
// applied in the order it queued them.
// Byte slices read from bbolt are copied (or decoded) before the transaction
// ends.
package storage
