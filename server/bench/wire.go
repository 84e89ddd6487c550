package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gloss-dev/gloss/server/client"
	"github.com/gorilla/websocket"
)

// socket is one benchmark connection: gorilla/websocket dialled as
// client.Dial dials, but read as raw frames. client.Conn.Read decodes every
// message into a client.Message, ~16 µs for a 455-byte op on this machine:
// at 500 clients × 500 ops/s (250,000 deliveries/s) that is four cores of
// decoding, and the benchmark would measure itself. The reader here pulls
// the few fields it needs out of the bytes (scan) and decodes in full only
// the rare messages (errors) whose content matters.
type socket struct {
	ws  *websocket.Conn
	wm  sync.Mutex
	buf []byte
}

const (
	handshakeTimeout = 10 * time.Second
	sendTimeout      = 10 * time.Second
)

func dialSocket(ctx context.Context, base string, article uint64, token string) (*socket, error) {
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	d := websocket.Dialer{HandshakeTimeout: handshakeTimeout}
	ws, resp, err := d.DialContext(ctx, client.LiveURL(base, article), h)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: %w (HTTP %d)", base, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("dial %s: %w", base, err)
	}
	return &socket{ws: ws}, nil
}

// sendJSON writes v as one text message. Safe for concurrent use.
func (s *socket) sendJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	s.wm.Lock()
	defer s.wm.Unlock()
	s.ws.SetWriteDeadline(time.Now().Add(sendTimeout))
	return s.ws.WriteMessage(websocket.TextMessage, b)
}

// read returns the next message; the bytes are valid until the next read.
func (s *socket) read() ([]byte, error) {
	_, r, err := s.ws.NextReader()
	if err != nil {
		return nil, err
	}
	s.buf = s.buf[:0]
	for {
		if len(s.buf) == cap(s.buf) {
			s.buf = append(s.buf, 0)[:len(s.buf)]
		}
		n, err := r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err == io.EOF {
			return s.buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (s *socket) close() error { return s.ws.Close() }

// scanned is what the reader needs of a server message.
type scanned struct {
	typ  string
	opID []byte
	note int64 // attrs.note of an op or ack; 0 when absent
	ok   bool  // note parsed
}

var (
	keyType = []byte(`{"type":"`)
	keyOpID = []byte(`"op_id":"`)
	keyNote = []byte(`"note":"`)
	keyName = []byte(`{"name":`)
)

// scan reads the message type, op_id and attrs.note from a message as
// encoding/json writes live's types: "type" first, string values escaped,
// so a key pattern with bare quotes cannot occur inside a value.
func scan(msg []byte) scanned {
	var s scanned
	if !bytes.HasPrefix(msg, keyType) {
		return s
	}
	rest := msg[len(keyType):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return s
	}
	s.typ = typeName(rest[:end])
	s.opID = stringAfter(msg, keyOpID)
	if note := stringAfter(msg, keyNote); note != nil {
		v, err := strconv.ParseInt(string(note), 10, 64)
		s.note, s.ok = v, err == nil
	}
	return s
}

// typeName returns the message types the reader switches on without
// allocating.
func typeName(b []byte) string {
	for _, t := range []string{"op", "ack", "presence", "welcome", "error", "ops"} {
		if string(b) == t {
			return t
		}
	}
	return string(b)
}

func stringAfter(msg, key []byte) []byte {
	i := bytes.Index(msg, key)
	if i < 0 {
		return nil
	}
	v := msg[i+len(key):]
	end := bytes.IndexByte(v, '"')
	if end < 0 {
		return nil
	}
	return v[:end]
}

// presenceUsers counts the users a presence message lists.
func presenceUsers(msg []byte) int { return bytes.Count(msg, keyName) }

// notes returns the attrs.note of every op in an "ops" message.
func notes(msg []byte) []int64 {
	var out []int64
	for {
		i := bytes.Index(msg, keyNote)
		if i < 0 {
			return out
		}
		msg = msg[i+len(keyNote):]
		end := bytes.IndexByte(msg, '"')
		if end < 0 {
			return out
		}
		if v, err := strconv.ParseInt(string(msg[:end]), 10, 64); err == nil {
			out = append(out, v)
		}
		msg = msg[end:]
	}
}
