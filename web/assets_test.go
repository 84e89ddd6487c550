package web_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gloss-dev/gloss/server"
	"github.com/gloss-dev/gloss/storage/storagetest"
	"github.com/gloss-dev/gloss/web"
)

// TestFavicon: every page names the icon and it is served (browsers asked
// for /favicon.ico and logged a 404 on every page load).
func TestFavicon(t *testing.T) {
	srv, err := server.New(server.Config{Store: storagetest.Open(t), Assets: web.FS})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, string, string) {
		resp, err := srv.App().Test(httptest.NewRequest("GET", path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	if code, ct, body := get("/favicon.svg"); code != 200 || !strings.HasPrefix(ct, "image/svg+xml") || !strings.Contains(body, "<svg") {
		t.Errorf("/favicon.svg: %d %s", code, ct)
	}
	for _, page := range []string{"/login", "/setup"} {
		if _, _, body := get(page); !strings.Contains(body, `rel="icon" href="/favicon.svg"`) {
			t.Errorf("%s does not name the icon", page)
		}
	}
}
