package suggest

import (
	"hash/fnv"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloss-dev/gloss/server/htmltext"
)

// Boilerplate proposes the lines of a page that are site chrome rather
// than article: navigation, teasers, share and cookie and subscription
// boxes, footers. It scores each line from its block's structure (tag
// path, link text, position relative to the headline and the body), its
// text (known phrases in several languages, no sentence punctuation, very
// short) and repetition within the page, then joins neighbouring lines
// into one suggestion. mem, when not nil, is what the team taught it of
// the article's site: lines labelled or accepted as BOILERPLATE there come
// back with a score of 0.99, lines rejected there never come back, and
// the site's template as its labelled pages showed it (block paths and
// line shapes that were boilerplate or article there) weighs on every
// other line (siteScore).
func Boilerplate(in Input, mem *SiteMemory) []Suggestion {
	lines := linesOf(in)
	if len(lines) == 0 {
		return nil
	}
	body := bodyZone(lines)
	seen := map[string]int{}
	for _, l := range lines {
		seen[l.norm]++
	}
	scores := make([]float64, len(lines))
	feats := make([]map[string]float64, len(lines))
	for i, l := range lines {
		f := lineFeatures(l, i, lines, body, seen)
		feats[i] = f
		scores[i] = sigmoid(boilerWeights.score(f))
		if mem != nil {
			scores[i] = siteScore(mem, l, f)
		}
	}
	// Neighbours join: a run of lines over the threshold is one span.
	var out []Suggestion
	for i := 0; i < len(lines); {
		if scores[i] < boilerThreshold {
			i++
			continue
		}
		j, sum := i, 0.0
		for j < len(lines) && scores[j] >= boilerThreshold && (j == i || lines[j].start-lines[j-1].end <= 2) {
			sum += scores[j]
			j++
		}
		s := Suggestion{Label: "BOILERPLATE", Start: lines[i].start, End: lines[j-1].end, Score: round3(sum / float64(j-i)),
			Detector: "boilerplate.lines", Features: mean(feats[i:j])}
		if s.Features["site_learned"] > 0 || s.Features["site_path"]+s.Features["site_shape"] > 1 {
			s.Detector = "boilerplate.site"
		}
		out = append(out, s)
		i = j
	}
	return out
}

// siteScore is a line's score with what its site taught (f: its
// features, which gain the site's): the evidence of the site's template
// (the line's block path and its shape, as the site's labelled pages had
// them) is added to the detector's log-odds; a line itself labelled or
// accepted as BOILERPLATE on the site is 0.99, one rejected there 0.
func siteScore(mem *SiteMemory, l line, f map[string]float64) float64 {
	z := boilerWeights.score(f)
	// A site's teasers name its other articles: the line that was a
	// teaser there is this page's own headline or text.
	own := f["headline"] > 0 || f["in_body_prose"] > 0
	add := func(name string, ev float64) {
		if ev == 0 || ev > 0 && own {
			return
		}
		f[name] = ev
		z += siteWeights[name] * ev
	}
	if l.hasBlock {
		// An insert in the body ("Read also: …", "Advertisement") shares
		// the body's paragraphs' path, and a site's first pages may not
		// have had one: what the line says outweighs where it stands.
		if ev := mem.pathEvidence(l.block.Path); ev > 0 || !l.phrase || l.prose {
			add("site_path", ev)
		}
	}
	add("site_shape", mem.shapeEvidence(l.norm))
	switch mem.Verdict(l.norm) {
	case Learned:
		// (a teaser is one page's; a promo the body carries on every page
		// was boilerplate on two of them: "Heb jij een tip …?")
		if !own || f["headline"] == 0 && mem.timesLearned(l.norm) >= 2 {
			f["site_learned"] = 1
			return 0.99
		}
	case Unlearned:
		f["site_unlearned"] = 1
		return 0
	case Article:
		f["site_article"] = 1
		z += siteWeights["site_article"]
	}
	return sigmoid(z)
}

// siteWeights weigh the site's evidence against the detector's own.
var siteWeights = weights{"site_path": 1.5, "site_shape": 2.0, "site_article": -2}

// siteSkeletonPath and sitePartialPath discount the evidence of a path
// the site's pages had only the skeleton or the end of.
const (
	siteSkeletonPath = 0.8
	sitePartialPath  = 0.5
)

// boilerThreshold is the score from which a line is proposed.
const boilerThreshold = 0.5

// line is one line of the text with what is known of it.
type line struct {
	start, end int    // code points
	text, norm string // the line, and its key (lower case, digits as 0, spaces collapsed)
	block      htmltext.Block
	hasBlock   bool
	// Worked out once per line.
	phrase, prose, chrome, article bool
}

// linesOf splits the text into lines (splitLines) and works out what the
// detector reads of each.
func linesOf(in Input) []line {
	out := splitLines(in)
	// A page's lines share few paths (a list's items, a body's
	// paragraphs): each path is read once.
	kinds := map[string][2]bool{}
	steps := map[string]stepKind{}
	for i := range out {
		l := &out[i]
		l.phrase = hasPhrase(strings.ToLower(l.text))
		l.prose = isProse(*l)
		k, ok := kinds[l.block.Path]
		if !ok {
			k[0], k[1] = pathKind(*l, steps)
			kinds[l.block.Path] = k
		}
		l.chrome, l.article = k[0], k[1]
	}
	return out
}

// splitLines splits the text at line breaks, pairing each line with its
// block when the page gave them.
func splitLines(in Input) []line {
	var out []line
	// Blocks come in text order: a cursor finds each line's.
	bi := 0
	cp := 0
	for rest := in.Text; ; {
		i := strings.IndexByte(rest, '\n')
		text := rest
		if i >= 0 {
			text = rest[:i]
		}
		n := utf8.RuneCountInString(text)
		if strings.TrimSpace(text) != "" {
			l := line{start: cp, end: cp + n, text: text, norm: LineKey(text)}
			for bi < len(in.Blocks) && in.Blocks[bi].Start < cp {
				bi++
			}
			if bi < len(in.Blocks) && in.Blocks[bi].Start == cp {
				l.block, l.hasBlock = in.Blocks[bi], true
			}
			out = append(out, l)
		}
		if i < 0 {
			return out
		}
		cp += n + 1
		rest = rest[i+1:]
	}
}

// LineKey is how lines are compared across pages of a site: lower case,
// every digit 0 (dates and counts change from page to page), spaces
// collapsed, trimmed.
func LineKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsDigit(r):
			r = '0'
		default:
			r = unicode.ToLower(r)
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// lineHash is a line key's hash, as site memories store it.
func lineHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}

// zone is where the article's body lies among the lines, found as the
// run of lines that holds the most running text and the least else (the
// maximum-sum subarray of +words for a prose line, −words/2 for any
// other), widened back to the headline when one comes shortly before.
type zone struct{ first, last int }

func bodyZone(lines []line) zone {
	z := zone{first: -1, last: -1}
	best, cur, start := 0.0, 0.0, 0
	for i, l := range lines {
		words := float64(len(strings.Fields(l.text)))
		w := -math.Max(2, words/2)
		if l.prose && !l.chrome && !l.phrase {
			w = words
		}
		if cur <= 0 {
			cur, start = 0, i
		}
		cur += w
		if cur > best {
			best, z.first, z.last = cur, start, i
		}
	}
	if z.first < 0 {
		return z
	}
	for i := z.first - 1; i >= 0 && i >= z.first-8; i-- {
		if lines[i].hasBlock && lines[i].block.Heading == 1 {
			z.first = i
			break
		}
	}
	// A body often ends on a short paragraph ("It is not yet clear
	// whether the council will appeal."), too short to count as running
	// text: the body runs on over sentences that are not chrome, in the
	// body's own element when the page has them (a paywall's "You are
	// reading a Plus article." stands in its own).
	for z.last+1 < len(lines) && closingSentence(lines[z.last+1]) {
		if next, last := lines[z.last+1], lines[z.last]; next.hasBlock && last.hasBlock && next.block.Path != last.block.Path {
			break
		}
		z.last++
	}
	return z
}

// closingSentence reports whether a line reads as a short sentence of
// the article: a few words ending as a sentence, no chrome phrase, path
// or links, no heading.
func closingSentence(l line) bool {
	if l.phrase || l.chrome || len(strings.Fields(l.text)) < 4 ||
		l.hasBlock && (l.block.Heading > 0 || l.block.LinkDensity() > 0.3) {
		return false
	}
	t := strings.TrimRight(l.text, " \u00a0\"'”’»“«)")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…", last)
}

// pathKind says whether the line's block sits in page furniture
// (chrome) or in the article: the deepest element of its path that names
// either decides (the article's own header is the article's). steps
// keeps what each step named, for the page's other paths.
func pathKind(l line, steps map[string]stepKind) (chrome, article bool) {
	if !l.hasBlock {
		return false, false
	}
	path := l.block.Path
	for end := len(path); end >= 0; {
		start := strings.LastIndexByte(path[:end], '>') + 1
		seg := path[start:end]
		end = start - 1
		k, ok := steps[seg]
		if !ok {
			k = kindOf(seg, start == 0)
			steps[seg] = k
		}
		switch k {
		case stepArticle:
			return false, true
		case stepChrome:
			return true, false
		}
	}
	return false, false
}

// stepKind is what one step of a path names.
type stepKind uint8

const (
	stepNone stepKind = iota
	stepChrome
	stepArticle
)

// kindOf is what a step names; first: it is the path's first, the body.
func kindOf(seg string, first bool) stepKind {
	if first && strings.HasPrefix(seg, "body") {
		seg = strings.TrimPrefix(seg, "body") // the body's own classes, not the tag
	}
	chrome, prev := false, ""
	for _, tok := range strings.FieldsFunc(withoutUtilities(seg), func(r rune) bool {
		return r == '.' || r == '#' || r == '>' || r == '_' || r == '-'
	}) {
		t := strings.ToLower(tok)
		if articleWords[t] {
			return stepArticle
		}
		chrome = chrome || chromeWords[t] || prev == "most" && t == "read" || prev == "about" && t == "author"
		prev = t
	}
	if chrome {
		return stepChrome
	}
	return stepNone
}

// withoutUtilities drops a step's utility classes (Tailwind's text-xs,
// md:text-gray-500, content-center), which name a look, not a part of the
// page: "text" in them is not the article's text.
func withoutUtilities(step string) string {
	if !strings.Contains(step, "text-") && !strings.Contains(step, "content-") {
		return step
	}
	var b strings.Builder
	for i, c := range strings.Split(step, ".") {
		if i > 0 {
			name := c[strings.LastIndexByte(c, ':')+1:]
			if utilityClass.MatchString(name) {
				continue
			}
			b.WriteByte('.')
		}
		b.WriteString(c)
	}
	return b.String()
}

var utilityClass = regexp.MustCompile(`^(text|content)-(xs|sm|base|lg|xl|[2-9]xl|left|right|center|justify|start|end|wrap|nowrap|balance|pretty|ellipsis|clip|none|inherit|current|transparent|white|black|(slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose)-\d+)(/\d+)?$`)

// isProse reports whether a line reads as running text: long enough,
// ends as a sentence, not mostly links.
func isProse(l line) bool {
	words := len(strings.Fields(l.text))
	if words < 12 || l.hasBlock && l.block.LinkDensity() > 0.3 {
		return false
	}
	t := strings.TrimRight(l.text, " \u00a0\"'”’»“«)")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…:;。", last)
}

// chromeWords are class, id and tag names of page furniture, and
// articleWords of the article itself: a step names one when one of its
// words (between . # _ and -) is one ("most-read", "about-author" too), the article's
// first.
var chromeWords = wordSet("nav navbar navigation menu header footer fuss aside sidebar rail share sharing social related " +
	"teaser teasers promo banner cookie cookies consent gdpr newsletter subscribe subscription paywall nag breadcrumb " +
	"breadcrumbs comment comments widget ad ads advert sponsor sponsored tag tags topics trending mostread popular login " +
	"signup copyright legal toolbar recommended more bio weather wetter masthead skip overlay modal popup")

var articleWords = wordSet("article story post entry content main text lede lead standfirst byline dateline caption " +
	"figcaption headline artikel texte cuerpo noticia materia statya")

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// phrases are what site chrome says, in the languages gloss's users
// read: found anywhere in the lowered line. A scan of plain substrings:
// one regexp of them all, case-insensitive, spent 70% of the detector's
// time matching.
var phrases = []string{
	"read more", "continue reading", "more news", "similar news", "related articles", "related news", "related stories",
	"most read", "most popular", "most viewed", "recommended", "trending", "share this", "share on", "follow us",
	"sign up", "sign in", "log in", "login", "subscribe", "newsletter", "cookie", "accept all", "privacy",
	"terms of use", "terms of service", "terms and conditions", "all rights reserved", "advertisement", "sponsored",
	"back to top", "skip to content", "skip to main content",
	"weiterlesen", "mehr zum thema", "meistgelesen", "teilen", "abonnieren", "anmelden", "datenschutz", "impressum",
	"alle rechte vorbehalten", "anzeige", "folgen sie uns", "startseite",
	"lire la suite", "lire aussi", "à lire aussi", "les plus lus", "partager", "s'abonner", "abonnez-vous", "connexion",
	"mentions légales", "tous droits réservés", "publicité", "suivez-nous",
	"leer más", "lo más leído", "compartir", "suscríbete", "iniciar sesión", "aviso legal", "política de privacidad",
	"todos los derechos reservados", "publicidad", "síguenos",
	"читать далее", "читать также", "популярное", "поделиться", "подписаться", "все права защищены", "реклама",
	"leia mais", "leia também", "mais lidas", "compartilhar", "assine", "todos os direitos reservados",
	"continua a leggere", "leggi anche", "più letti", "condividi", "abbonati", "accedi", "tutti i diritti riservati", "pubblicità",
	"©",
	// "read also" boxes, counters, paywall meters and newsletter boxes,
	// which every site words its own way.
	"see also", "you may also like", "you might also like", "more from", "siehe auch", "das könnte sie auch interessieren",
	"voir aussi", "à voir aussi", "ver también", "te puede interesar", "veja também", "pode interessar", "vedi anche",
	"potrebbe interessarti", "читайте также", "смотрите также", "views:", "aufrufe", "просмотров", "visualizações",
	"visualizzazioni", "free articles", "articles left", "kostenlose artikel", "articles gratuits", "noticias gratuitas",
	"notícias gratuitas", "articoli gratuiti", "in your inbox", "in ihr postfach", "dans votre boîte", "en tu correo",
	"no seu e-mail", "nella tua casella", "на почту", "copy link", "link kopieren", "copier le lien", "copiar enlace",
	"copiar link", "copia link", "скопировать ссылку",
	// Dutch, and what the lists above missed in English, German and
	// Spanish: reading time, players, comment prompts, app promos.
	"lees meer", "lees verder", "lees ook", "meer nieuws", "meest gelezen", "meest bekeken", "gerelateerde artikelen",
	"gerelateerd nieuws", "deel dit artikel", "deel via", "volg ons", "inloggen", "aanmelden voor", "abonneer",
	"nieuwsbrief", "alle rechten voorbehouden", "advertentie", "gesponsord", "privacyverklaring", "privacybeleid",
	"cookiebeleid", "algemene voorwaarden", "terug naar boven", "naar de inhoud", "bekijk ook", "ook interessant",
	"link kopiëren", "kopieer link", "in je inbox", "in uw inbox", "leestijd", "min. leestijd", "reageer op dit artikel",
	"min read", "minute read", "minutes read", "reading time", "listen to this article", "click to play", "play video",
	"more stories", "more on this story", "editor's picks", "editors' picks", "most shared", "leave a comment",
	"add a comment", "view comments", "show comments", "join the conversation", "sponsored content", "partner content",
	"download the app", "get the app", "don't miss", "don’t miss", "also read",
	"lesen sie auch", "lesen sie mehr", "auch interessant", "weitere artikel", "lesezeit", "zurück nach oben",
	"kommentare anzeigen", "jetzt registrieren", "artikel vorlesen", "video abspielen",
	"lee también", "lea también", "te recomendamos", "noticias relacionadas", "más noticias", "lo más visto",
	"tiempo de lectura", "min de lectura", "minutos de lectura", "regístrate", "boletín", "política de cookies",
	"contenido patrocinado", "ver comentarios", "deja tu comentario", "escucha la noticia",
	"temps de lecture", "min de lecture", "tempo de leitura", "min de leitura", "время чтения", "мин. чтения",
	"минут чтения",
}

// phrasesAt are the phrases by their first two bytes.
var phrasesAt = func() map[uint16][]string {
	m := map[uint16][]string{}
	for _, p := range phrases {
		k := uint16(p[0])<<8 | uint16(p[1])
		m[k] = append(m[k], p)
	}
	return m
}()

// socialNames are the networks share bars name: a line that names two or
// more of them is a share bar.
var socialNames = []string{"facebook", "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "vkontakte",
	"instagram", "youtube", "tiktok", "threads", "bluesky", "mastodon", "xing", "viber", "одноклассники", "вконтакте"}

// menuWords are chrome only as a whole line ("Home" is a menu item, "home
// prices rose" is not).
var menuWords = map[string]bool{"home": true, "inicio": true, "accueil": true, "главная": true, "entrar": true,
	"войти": true, "menu": true, "menü": true, "search": true, "suche": true, "rechercher": true, "buscar": true, "поиск": true,
	"zoeken": true, "portada": true, "secciones": true, "rubrieken": true, "ressorts": true, "sections": true}

// hasPhrase reports whether a lowered line says what site chrome says.
func hasPhrase(lower string) bool {
	t := strings.TrimSpace(lower)
	if menuWords[t] || strings.HasSuffix(t, "»") || strings.HasSuffix(t, "›") || strings.HasPrefix(t, "(c) ") {
		return true
	}
	// The phrases that start with each pair of bytes are tried where the
	// line has that pair: one look-up a byte, not a scan a phrase.
	for i := 0; i+1 < len(lower); i++ {
		for _, p := range phrasesAt[uint16(lower[i])<<8|uint16(lower[i+1])] {
			if strings.HasPrefix(lower[i:], p) {
				return true
			}
		}
	}
	n := 0
	for _, name := range socialNames {
		if strings.Contains(lower, name) {
			n++
		}
	}
	return n >= 2
}

// bylineMarkers open a byline, lower case: the article's own (RULES.md
// counts it as article, the closing "Автор: …" too), which reads as a
// short line of chrome.
var bylineMarkers = []string{"by ", "von ", "por ", "door ", "par ", "автор:", "автор ", "авторы:", "texto:", "text:",
	"tekst:", "tekst en foto:", "texto y fotos:", "text und fotos:", "written by ", "reporting by ", "escrito por ",
	"geschreven door ", "verfasst von ", "redactie:", "redacción:", "redaktion:"}

// isByline reports whether a line opens as a byline: a marker, then a
// name (a capital letter).
func isByline(text string) bool {
	t := strings.TrimSpace(text)
	low := strings.ToLower(t)
	for _, m := range bylineMarkers {
		if strings.HasPrefix(low, m) {
			rest := strings.TrimSpace(t[len(m):]) // lower casing kept these markers' byte lengths
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r)
		}
	}
	return false
}

// lineFeatures are the signals of line i.
func lineFeatures(l line, i int, lines []line, body zone, seen map[string]int) map[string]float64 {
	f := map[string]float64{}
	words := len(strings.Fields(l.text))
	f["words_log"] = math.Log1p(float64(words))
	if words <= 4 {
		f["short"] = 1
	}
	if !l.prose {
		f["not_prose"] = 1
	}
	if l.phrase {
		f["phrase"] = 1
	}
	if seen[l.norm] > 1 {
		f["repeated"] = 1
	}
	if !l.chrome && words <= 12 && isByline(l.text) {
		f["byline"] = 1
	}
	if l.hasBlock {
		f["link_density"] = l.block.LinkDensity()
		if l.chrome {
			f["path_chrome"] = 1
		}
		if l.article {
			f["path_article"] = 1
			if l.phrase && words <= 8 && !l.prose {
				// "Reading time: 3 min", "Advertisement": chrome in the
				// article's own element.
				f["phrase_short"] = 1
			}
		}
		if l.block.Heading == 1 {
			f["headline"] = 1
		}
		switch l.block.Tag {
		case "li", "td", "th", "option", "dt", "dd":
			f["tag_list"] = 1
		}
	}
	switch {
	case body.first >= 0 && i < body.first:
		f["before_body"] = 1
	case body.last >= 0 && i > body.last:
		f["after_body"] = 1
	}
	if body.first >= 0 && i >= body.first && i <= body.last {
		f["in_body"] = 1
		if l.prose {
			f["in_body_prose"] = 1
		}
	}
	return f
}

// weights are a linear model over named features.
type weights map[string]float64

func (w weights) score(f map[string]float64) float64 {
	s := w["bias"]
	for k, v := range f {
		s += w[k] * v
	}
	return s
}

// boilerWeights were set by hand on pages of made-up sites (not the
// evaluation set), and are what the learned model starts from.
var boilerWeights = weights{
	"bias":          -1.0,
	"short":         0.8,
	"not_prose":     1.2,
	"phrase":        2.2,
	"phrase_short":  1.5,
	"byline":        -2.5,
	"repeated":      1.5,
	"link_density":  2.0,
	"path_chrome":   2.0,
	"path_article":  -1.2,
	"headline":      -4.0,
	"tag_list":      0.6,
	"before_body":   1.6,
	"after_body":    2.2,
	"in_body":       -1.5,
	"in_body_prose": -2.0,
	"words_log":     -0.35,
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// mean averages feature maps.
func mean(fs []map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for _, f := range fs {
		for k, v := range f {
			out[k] += v / float64(len(fs))
		}
	}
	return out
}
