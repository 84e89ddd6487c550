// Package client is a Go client of gloss's live protocol, on
// github.com/gorilla/websocket: what the tests and `gloss bench` use, and
// what a script that wants live updates can use.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gloss-dev/gloss/server/live"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gorilla/websocket"
)

// Message is any message the server sends; which fields are set depends
// on Type.
type Message struct {
	Type        string             `json:"type"`
	Version     uint64             `json:"version"`
	You         *live.User         `json:"you"`
	Annotations []model.Annotation `json:"annotations"`
	Ops         []Message          `json:"ops"`
	OpID        string             `json:"op_id"`
	Action      model.Action       `json:"action"`
	Annotation  model.Annotation   `json:"annotation"`
	Author      string             `json:"author"`
	Users       []live.User        `json:"users"`
	Error       string             `json:"error"`
	Code        string             `json:"code"` // of an error: invalid, not_found, conflict, forbidden, ...
	Relation    *model.Relation    `json:"relation,omitempty"`
	Relations   []model.Relation   `json:"relations,omitempty"`
	Article     *model.Article     `json:"article,omitempty"` // an "article" message
}

// Conn is one live socket on one article.
type Conn struct {
	ws *websocket.Conn
	wm sync.Mutex
}

// LiveURL returns the websocket URL of an article's live endpoint on the
// server at base (http://host:port).
func LiveURL(base string, article uint64) string {
	u := strings.Replace(strings.Replace(base, "https://", "wss://", 1), "http://", "ws://", 1)
	return fmt.Sprintf("%s/api/articles/%d/live", strings.TrimRight(u, "/"), article)
}

// Dial opens a live socket with a bearer token. hdr may add headers (an
// Origin, say). The response is returned for refused handshakes.
func Dial(ctx context.Context, base string, article uint64, token string, hdr http.Header) (*Conn, *http.Response, error) {
	h := http.Header{}
	for k, v := range hdr {
		h[k] = v
	}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	if _, err := url.Parse(base); err != nil {
		return nil, nil, err
	}
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	ws, resp, err := d.DialContext(ctx, LiveURL(base, article), h)
	if err != nil {
		return nil, resp, err
	}
	return &Conn{ws: ws}, resp, nil
}

// Send writes one message as JSON. Safe for concurrent use.
func (c *Conn) Send(v any) error {
	c.wm.Lock()
	defer c.wm.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.ws.WriteJSON(v)
}

// Hello asks for the state, or for what came after version since.
func (c *Conn) Hello(since uint64) error {
	return c.Send(live.ClientMessage{Type: live.TypeHello, Since: since})
}

// Read returns the next message. Call it from one goroutine.
func (c *Conn) Read() (Message, error) {
	var m Message
	_, data, err := c.ws.ReadMessage()
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(data, &m)
}

// SetReadDeadline bounds the next Read.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.ws.SetReadDeadline(t) }

// Close closes the socket without a close handshake, as a dropped network would.
func (c *Conn) Close() error { return c.ws.Close() }

// Leave ends the session as a browser does: it sends a normal close and
// waits until the server answers it, or until the deadline. It returns the
// code the server answered with. The server answers once this client is
// out of the article's room.
func (c *Conn) Leave(deadline time.Time) (int, error) {
	defer c.ws.Close()
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "closed")
	if err := c.ws.WriteControl(websocket.CloseMessage, msg, deadline); err != nil {
		return 0, fmt.Errorf("send close: %w", err)
	}
	c.ws.SetReadDeadline(deadline)
	for {
		if _, _, err := c.ws.ReadMessage(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code, nil
			}
			return 0, fmt.Errorf("wait for the close's answer: %w", err)
		}
	}
}

// Op sends one annotation change.
func (c *Conn) Op(opID string, action model.Action, a live.AnnotationFields) error {
	return c.Send(live.ClientMessage{Type: "op", OpID: opID, Action: action, Annotation: live.Encode(a)})
}

// State is a client's copy of an article's annotations, kept by applying
// what the server sends, as the editor does.
type State struct {
	Version     uint64
	Annotations map[uint64]model.Annotation
}

// Apply folds one server message into the state. It reports an error when
// versions do not follow each other: the protocol promises they do.
func (s *State) Apply(m Message) error {
	switch m.Type {
	case live.TypeWelcome:
		if m.Annotations != nil || s.Annotations == nil {
			s.Annotations = map[uint64]model.Annotation{}
			for _, a := range m.Annotations {
				s.Annotations[a.ID] = a
			}
			s.Version = m.Version
		} else if m.Version < s.Version {
			return fmt.Errorf("welcome at version %d, behind the client's %d", m.Version, s.Version)
		}
	case live.TypeOps:
		for _, op := range m.Ops {
			if err := s.Apply(op); err != nil {
				return err
			}
		}
	case live.TypeOp, live.TypeAck:
		if m.Version <= s.Version {
			if m.Type == live.TypeAck {
				return nil // a replayed op_id's ack: already applied
			}
			return fmt.Errorf("op %d arrived again (client at %d)", m.Version, s.Version)
		}
		if m.Version != s.Version+1 {
			return fmt.Errorf("op %d after %d: a gap", m.Version, s.Version)
		}
		if m.Action == model.ActionDelete {
			delete(s.Annotations, m.Annotation.ID)
		} else {
			s.Annotations[m.Annotation.ID] = m.Annotation
		}
		s.Version = m.Version
	}
	return nil
}
