package videosdk

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Reflection helpers shared by the tests of the decode mechanism
// (wire_test.go) and the test that holds the benchmark's raw twins
// (bench_test.go) to the public types they mirror.

// jsonFields returns the fields encoding/json decodes for struct type t, by
// JSON name, resolved with encoding/json's rules: an embedded struct without a
// tag name has its fields promoted; when several fields claim a name the
// shallowest wins, and among several at that depth the only tagged one wins;
// otherwise the name is dropped, as encoding/json drops it.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for name, f := range jsonFieldInfo(t) {
		out[name] = f.typ
	}
	return out
}

// jsonField is a field encoding/json decodes: its type and its whole json
// tag (name and options).
type jsonField struct {
	typ reflect.Type
	tag string
}

// jsonFieldInfo is jsonFields with each field's json tag.
func jsonFieldInfo(t reflect.Type) map[string]jsonField {
	type candidate struct {
		typ    reflect.Type
		tag    string
		depth  int
		tagged bool
	}
	byName := map[string][]candidate{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
				if name == "" && ft.Kind() == reflect.Struct {
					walk(ft, depth+1)
					continue
				}
			} else if !f.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = f.Name
			}
			byName[name] = append(byName[name], candidate{f.Type, tag, depth, tagged})
		}
	}
	walk(t, 0)
	out := map[string]jsonField{}
	for name, cs := range byName {
		minDepth := cs[0].depth
		for _, c := range cs {
			minDepth = min(minDepth, c.depth)
		}
		var top, tagged []candidate
		for _, c := range cs {
			if c.depth == minDepth {
				top = append(top, c)
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
		}
		switch {
		case len(top) == 1:
			out[name] = jsonField{top[0].typ, top[0].tag}
		case len(tagged) == 1:
			out[name] = jsonField{tagged[0].typ, tagged[0].tag}
		}
	}
	return out
}

// jsonShapeDiffs lists how struct type twin departs from struct type public,
// field by field: every JSON name of public must exist in twin with the same
// json tag (name and options, such as ",string") and the same type, except
// that a type listed in nested must appear as its twin there (through
// pointers, slices, arrays and maps) and a name listed in fieldTwins must
// have exactly that type; twin may have extra names only from allowedExtra.
func jsonShapeDiffs(public, twin reflect.Type, nested map[reflect.Type]reflect.Type, fieldTwins map[string]reflect.Type, allowedExtra []string) []string {
	pfi, tfi := jsonFieldInfo(public), jsonFieldInfo(twin)
	var diffs []string
	for name, p := range pfi {
		t, ok := tfi[name]
		pt, tt := p.typ, t.typ
		want, substituted := fieldTwins[name]
		switch {
		case !ok:
			diffs = append(diffs, public.Name()+`: "`+name+`" missing in `+twin.Name())
		case substituted && tt != want:
			diffs = append(diffs, public.Name()+`: "`+name+`" is `+tt.String()+` in `+twin.Name()+`, want `+want.String())
		case !substituted && !twinOfType(pt, tt, nested):
			diffs = append(diffs, public.Name()+`: "`+name+`" is `+pt.String()+` but `+tt.String()+` in `+twin.Name())
		case p.tag != t.tag:
			diffs = append(diffs, public.Name()+`: "`+name+`" is tagged json:"`+p.tag+`" but json:"`+t.tag+`" in `+twin.Name())
		}
	}
	for name := range tfi {
		if _, ok := pfi[name]; !ok && !contains(allowedExtra, name) {
			diffs = append(diffs, twin.Name()+`: extra field "`+name+`" that `+public.Name()+` does not have`)
		}
	}
	sort.Strings(diffs)
	return diffs
}

// twinOfType reports whether tt is the type a twin struct must use for a
// public field of type pt.
func twinOfType(pt, tt reflect.Type, nested map[reflect.Type]reflect.Type) bool {
	if want, ok := nested[pt]; ok {
		return tt == want
	}
	if pt.Kind() != tt.Kind() {
		return false
	}
	if pt.Name() != "" || tt.Name() != "" {
		return pt == tt // a named type (json.RawMessage, Links, …) is used as it is
	}
	switch pt.Kind() {
	case reflect.Pointer, reflect.Slice:
		return twinOfType(pt.Elem(), tt.Elem(), nested)
	case reflect.Array:
		return pt.Len() == tt.Len() && twinOfType(pt.Elem(), tt.Elem(), nested)
	case reflect.Map:
		return pt.Key() == tt.Key() && twinOfType(pt.Elem(), tt.Elem(), nested)
	}
	return pt == tt
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var (
	jsonUnmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	// decodeHookAllowed are the types with a decoding method that a plain
	// struct declared by hand has too: they cost the SDK and a hand-written
	// client the same.
	decodeHookAllowed = map[reflect.Type]bool{
		reflect.TypeOf(time.Time{}):          true,
		reflect.TypeOf(json.RawMessage(nil)): true,
	}
)

// decodeHooks returns the types reachable from t, through what encoding/json
// decodes, that have an UnmarshalJSON or UnmarshalText method other than
// those in decodeHookAllowed or also. encoding/json scans such a value once
// more to find its end before calling the method, and a method that calls
// json.Unmarshal scans it again: a second pass.
func decodeHooks(t reflect.Type, also map[reflect.Type]string) []string {
	seen := map[reflect.Type]bool{}
	var found []string
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		if t.Kind() == reflect.Pointer {
			walk(t.Elem(), path+"*") // encoding/json looks for methods on the pointed-to value
			return
		}
		if seen[t] {
			return
		}
		seen[t] = true
		if _, ok := also[t]; ok || decodeHookAllowed[t] {
			return
		}
		pt := reflect.PointerTo(t)
		if t.Implements(jsonUnmarshalerType) || pt.Implements(jsonUnmarshalerType) ||
			t.Implements(textUnmarshalerType) || pt.Implements(textUnmarshalerType) {
			found = append(found, path+" ("+t.String()+")")
			return
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			walk(t.Elem(), path+"[]")
		case reflect.Map:
			walk(t.Key(), path+"{key}")
			walk(t.Elem(), path+"{}")
		case reflect.Struct:
			for name, ft := range jsonFields(t) {
				walk(ft, path+"."+name)
			}
		}
	}
	walk(t, t.String())
	sort.Strings(found)
	return found
}

// methodCount is the number of methods of t and *t.
func methodCount(t reflect.Type) int {
	return t.NumMethod() + reflect.PointerTo(t).NumMethod()
}
