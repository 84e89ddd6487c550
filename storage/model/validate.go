package model

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what one annotation may carry.
const (
	MaxAttrs        = 32
	MaxAttrValueLen = 4096 // bytes
)

// ValidateSpan checks a span's offsets against a text of n code points.
func ValidateSpan(start, end, n int) error {
	switch {
	case start < 0 || end < 0:
		return Errorf(EINVALID, "offsets must not be negative (start %d, end %d)", start, end)
	case start >= end:
		return Errorf(EINVALID, "start must be less than end (start %d, end %d)", start, end)
	case end > n:
		return Errorf(EINVALID, "span [%d, %d) is out of range: the text has %d code points", start, end, n)
	}
	return nil
}

// Provenance attributes: an import keeps the file's author and creation
// time of a span in these, never as gloss's own Author and CreatedAt. Any
// label may carry them; the schema need not declare them.
// AttrSuggestedBy, likewise, names the detector whose suggestion became
// the annotation (issue 11).
const (
	AttrSourceAuthor    = "source_author"
	AttrSourceCreatedAt = "source_created_at"
	AttrSuggestedBy     = "suggested_by"
)

func provenance(name string) bool {
	return name == AttrSourceAuthor || name == AttrSourceCreatedAt || name == AttrSuggestedBy
}

// KnownAttrs keeps the attributes of attrs that l declares, or that are
// provenance attributes.
func KnownAttrs(l Label, attrs map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range attrs {
		if _, ok := l.Attr(k); ok || provenance(k) {
			out[k] = v
		}
	}
	return out
}

// ValidateAttrs checks attrs against the label's attribute specs: every
// key must be declared (or be a provenance attribute) and every value
// must fit its type. An empty value means "unset" and is always allowed.
func ValidateAttrs(l Label, attrs map[string]string) error {
	if len(attrs) > MaxAttrs {
		return Errorf(EINVALID, "too many attributes (%d, at most %d)", len(attrs), MaxAttrs)
	}
	for k, v := range attrs {
		spec, ok := l.Attr(k)
		if !ok && provenance(k) {
			spec, ok = AttrSpec{Name: k, Type: AttrText}, true
		}
		if !ok {
			return Errorf(EINVALID, "label %s has no attribute %q", l.Name, k)
		}
		if len(v) > MaxAttrValueLen {
			return Errorf(EINVALID, "attribute %s is too long (%d bytes, at most %d)", k, len(v), MaxAttrValueLen)
		}
		if !utf8.ValidString(v) {
			return Errorf(EINVALID, "attribute %s is not valid UTF-8", k)
		}
		if v == "" {
			continue
		}
		switch spec.Type {
		case AttrEnum:
			if !slices.Contains(spec.Values, v) {
				return Errorf(EINVALID, "attribute %s must be one of %s, not %q", k, strings.Join(spec.Values, ", "), v)
			}
		case AttrURL:
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return Errorf(EINVALID, "attribute %s must be an http(s) URL, not %q", k, v)
			}
		}
	}
	return nil
}

// NewAnnotation builds the annotation a create change asks for, checked
// against the project's schema and a text of ri.Len() code points. ID,
// Article, Version and the times are left for the store to set.
func NewAnnotation(p Project, ri *RuneIndex, c Change) (Annotation, error) {
	if c.Start == nil || c.End == nil || c.Label == nil {
		return Annotation{}, Errorf(EINVALID, "a new annotation needs start, end and label")
	}
	a := Annotation{Start: *c.Start, End: *c.End, Label: *c.Label, Attrs: map[string]string{}, Author: c.Author}
	for k, v := range c.Attrs {
		a.Attrs[k] = v
	}
	l, ok := p.Label(a.Label)
	if !ok {
		return Annotation{}, unknownLabel(p, a.Label)
	}
	for _, spec := range l.Attrs {
		if _, set := a.Attrs[spec.Name]; !set && spec.Default != "" {
			a.Attrs[spec.Name] = spec.Default
		}
	}
	if err := check(p, l, ri, a); err != nil {
		return Annotation{}, err
	}
	a.Text = ri.Slice(a.Start, a.End)
	return a, nil
}

// UpdateAnnotation applies an update change to a, checked like a create.
// c.Attrs is a merge patch (see Change). Changing the label drops
// attributes the new label does not declare.
func UpdateAnnotation(p Project, ri *RuneIndex, a Annotation, c Change) (Annotation, error) {
	if c.Start != nil {
		a.Start = *c.Start
	}
	if c.End != nil {
		a.End = *c.End
	}
	if c.Attrs != nil {
		merged := make(map[string]string, len(a.Attrs)+len(c.Attrs))
		for k, v := range a.Attrs {
			merged[k] = v
		}
		for k, v := range c.Attrs {
			if v == "" {
				delete(merged, k)
			} else {
				merged[k] = v
			}
		}
		a.Attrs = merged
	}
	if c.Label != nil && *c.Label != a.Label {
		a.Label = *c.Label
		l, ok := p.Label(a.Label)
		if !ok {
			return Annotation{}, unknownLabel(p, a.Label)
		}
		kept := map[string]string{}
		for k, v := range a.Attrs {
			if _, ok := l.Attr(k); ok || provenance(k) {
				kept[k] = v
			}
		}
		a.Attrs = kept
	}
	l, ok := p.Label(a.Label)
	if !ok {
		return Annotation{}, unknownLabel(p, a.Label)
	}
	if err := check(p, l, ri, a); err != nil {
		return Annotation{}, err
	}
	a.Text = ri.Slice(a.Start, a.End)
	return a, nil
}

func check(p Project, l Label, ri *RuneIndex, a Annotation) error {
	if err := ValidateSpan(a.Start, a.End, ri.Len()); err != nil {
		return err
	}
	return ValidateAttrs(l, a.Attrs)
}

func unknownLabel(p Project, name string) error {
	names := make([]string, len(p.Labels))
	for i, l := range p.Labels {
		names[i] = l.Name
	}
	return Errorf(EINVALID, "unknown label %q (project %q has %s)", name, p.Name, strings.Join(names, ", "))
}

var (
	hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	attrName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
	// labelName keeps names safe for every export format (CoNLL tags, brat
	// types): no spaces, no separators.
	labelName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,31}$`)
)

// ValidateName checks a name people read and tell apart (a project's, an
// enum value): no control characters, no invisible format characters
// (bidi overrides such as U+202E, zero-width spaces), which make one name
// look like another or reorder what is shown around it.
func ValidateName(what, s string) error {
	for _, r := range s {
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return Errorf(EINVALID, "%s %q holds an invisible or control character (U+%04X)", what, s, r)
		}
	}
	return nil
}

// ValidateProject checks a project's name and label schema.
func ValidateProject(p Project) error {
	if strings.TrimSpace(p.Name) == "" || utf8.RuneCountInString(p.Name) > 200 {
		return Errorf(EINVALID, "a project needs a name of 1 to 200 characters")
	}
	if p.Name != strings.TrimSpace(p.Name) {
		return Errorf(EINVALID, "project name %q begins or ends with spaces", p.Name)
	}
	if err := ValidateName("project name", p.Name); err != nil {
		return err
	}
	switch p.Mode {
	case "", ModeShared, ModeIndependent:
	default:
		return Errorf(EINVALID, "unknown mode %q (shared or independent)", p.Mode)
	}
	if p.AnnotatorsPerArticle < 0 || p.AnnotatorsPerArticle > 50 {
		return Errorf(EINVALID, "annotators_per_article must be 1 to 50, not %d", p.AnnotatorsPerArticle)
	}
	if err := validateRelations(p); err != nil {
		return err
	}
	if cr := p.ClaimReview; cr != nil {
		if strings.TrimSpace(cr.Publisher) == "" || utf8.RuneCountInString(cr.Publisher) > 200 {
			return Errorf(EINVALID, "claimreview needs a publisher's name of 1 to 200 characters")
		}
		for _, u := range []string{cr.PublisherURL, strings.NewReplacer("{article}", "1", "{annotation}", "1").Replace(cr.URLTemplate)} {
			if u == "" {
				continue
			}
			if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				return Errorf(EINVALID, "claimreview's publisher_url and url_template must be http(s) addresses, not %q", u)
			}
		}
	}
	for i, n := range p.Annotators {
		if _, ok := p.Member(n); !ok {
			return Errorf(EINVALID, "annotators: %q is not a member of the project", n)
		}
		if slices.Contains(p.Annotators[:i], n) {
			return Errorf(EINVALID, "annotators: %q is named twice", n)
		}
	}
	if len(p.Labels) == 0 {
		return Errorf(EINVALID, "a project needs at least one label")
	}
	names, keys := map[string]bool{}, map[string]bool{}
	for _, l := range p.Labels {
		if !labelName.MatchString(l.Name) {
			return Errorf(EINVALID, "label name %q must start with a letter and hold only letters, digits, _ and - (at most 32)", l.Name)
		}
		if names[l.Name] {
			return Errorf(EINVALID, "label %s is declared twice", l.Name)
		}
		names[l.Name] = true
		if !hexColor.MatchString(l.Color) {
			return Errorf(EINVALID, "label %s: colour %q must be #rrggbb", l.Name, l.Color)
		}
		if l.Hotkey != "" {
			if utf8.RuneCountInString(l.Hotkey) != 1 || strings.ToLower(l.Hotkey) != l.Hotkey {
				return Errorf(EINVALID, "label %s: hotkey %q must be one lower-case key", l.Name, l.Hotkey)
			}
			if keys[l.Hotkey] {
				return Errorf(EINVALID, "label %s: hotkey %q is already taken", l.Name, l.Hotkey)
			}
			keys[l.Hotkey] = true
		}
		attrs := map[string]bool{}
		for _, a := range l.Attrs {
			if !attrName.MatchString(a.Name) {
				return Errorf(EINVALID, "label %s: attribute name %q must be lower-case letters, digits and _", l.Name, a.Name)
			}
			if attrs[a.Name] {
				return Errorf(EINVALID, "label %s: attribute %s is declared twice", l.Name, a.Name)
			}
			attrs[a.Name] = true
			switch a.Type {
			case AttrText, AttrURL:
			case AttrEnum:
				if len(a.Values) == 0 {
					return Errorf(EINVALID, "label %s: enum attribute %s needs values", l.Name, a.Name)
				}
				for _, v := range a.Values {
					// Values go into export files line by line (brat's
					// annotation.conf): no line breaks, nothing invisible.
					if strings.TrimSpace(v) == "" || utf8.RuneCountInString(v) > 100 {
						return Errorf(EINVALID, "label %s: value %q of %s must have 1 to 100 characters", l.Name, v, a.Name)
					}
					if err := ValidateName(fmt.Sprintf("label %s: value of %s", l.Name, a.Name), v); err != nil {
						return err
					}
				}
				if a.Default != "" && !slices.Contains(a.Values, a.Default) {
					return Errorf(EINVALID, "label %s: default %q of %s is not one of its values", l.Name, a.Default, a.Name)
				}
			default:
				return Errorf(EINVALID, "label %s: attribute %s has unknown type %q (text, enum or url)", l.Name, a.Name, a.Type)
			}
		}
	}
	return nil
}
