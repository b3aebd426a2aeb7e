package site

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// openAPIOp is one operation of the document, with the request built from its examples.
type openAPIOp struct {
	key       string // "GET /search"
	op        map[string]any
	responses map[string]any
}

// loadOpenAPI parses the served document and lists its operations.
func loadOpenAPI(t *testing.T) (doc map[string]any, ops map[string]openAPIOp) {
	t.Helper()
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi = %q, want 3.x", v)
	}
	ops = map[string]openAPIOp{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			o := op.(map[string]any)
			key := strings.ToUpper(method) + " " + path
			ops[key] = openAPIOp{key: key, op: o, responses: o["responses"].(map[string]any)}
		}
	}
	return doc, ops
}

// exampleTarget is the operation's URL under /api/v1 with every parameter's example filled in.
func (o openAPIOp) exampleTarget(t *testing.T) string {
	_, path, _ := strings.Cut(o.key, " ")
	q := url.Values{}
	params, _ := o.op["parameters"].([]any)
	for _, p := range params {
		pm := p.(map[string]any)
		ex, ok := pm["example"]
		if !ok {
			if pm["required"] == true {
				t.Fatalf("%s: required parameter %v has no example", o.key, pm["name"])
			}
			continue
		}
		name, val := pm["name"].(string), fmt.Sprint(ex)
		switch pm["in"] {
		case "path":
			path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(val))
		case "query":
			q.Set(name, val)
		}
	}
	target := apiV1Prefix + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return target
}

// resolve follows a local $ref ("#/components/schemas/Hit").
func resolve(t *testing.T, doc, v map[string]any) map[string]any {
	t.Helper()
	for {
		ref, ok := v["$ref"].(string)
		if !ok {
			return v
		}
		var cur any = doc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[part]
		}
		if cur == nil {
			t.Fatalf("unresolved $ref %q", ref)
		}
		v = cur.(map[string]any)
	}
}

// checkSchema checks a decoded JSON value against a schema: types, required properties, no
// property the schema does not list, enums; recursively.
func checkSchema(t *testing.T, doc, schema map[string]any, v any, at string) {
	t.Helper()
	schema = resolve(t, doc, schema)
	switch schema["type"] {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: %T, want an object", at, v)
			return
		}
		for _, r := range asList(schema["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				t.Errorf("%s: required property %q is missing", at, r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		if props == nil {
			return // a free-form object
		}
		for k, pv := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				t.Errorf("%s: property %q is not in the schema", at, k)
				continue
			}
			checkSchema(t, doc, ps, pv, at+"."+k)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			t.Errorf("%s: %T, want an array", at, v)
			return
		}
		for i, item := range arr {
			checkSchema(t, doc, schema["items"].(map[string]any), item, at+"["+strconv.Itoa(i)+"]")
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			t.Errorf("%s: %T, want a string", at, v)
		} else if enum := asList(schema["enum"]); enum != nil && !containsAny(enum, s) {
			t.Errorf("%s: %q is not one of %v", at, s, enum)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			t.Errorf("%s: %v, want an integer", at, v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			t.Errorf("%s: %v, want a number", at, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			t.Errorf("%s: %v, want a boolean", at, v)
		}
	default:
		t.Errorf("%s: schema without a known type: %v", at, schema)
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

func containsAny(l []any, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// apiCall is one request of the OpenAPI test: an operation, how to call it and the status.
type apiCall struct {
	op      string // operation key
	target  string // "" = the operation's example request
	auth    string
	noState bool // the index is not ready
	status  int
}

// TestOpenAPIMatchesHandlers calls every documented operation (built from the document's own
// examples, plus error cases), and checks that each answer's status is documented for the
// operation and that its JSON matches the documented schema; that every documented status is
// produced by some call; and that every /api/v1 route is documented.
func TestOpenAPIMatchesHandlers(t *testing.T) {
	doc, ops := loadOpenAPI(t)
	st := newStaffState(t)
	srv := newStaffServer(t, st, Config{Auth: staffAuth(t)})
	starting := newStaffServer(t, nil, Config{Auth: staffAuth(t)})
	tok := "Bearer " + staffAPITok
	long := url.QueryEscape(strings.Repeat("ب", 2001))
	calls := []apiCall{
		{op: "GET /search", status: 200}, {op: "GET /search", auth: tok, status: 200},
		{op: "GET /search", target: "/api/v1/search?q=", status: 200},
		{op: "GET /search", target: "/api/v1/search?q=a&limit=0", status: 400},
		{op: "GET /search", target: "/api/v1/search?q=a&prefix=yes", status: 400},
		{op: "GET /search", target: "/api/v1/search?prefix=1&q=" + url.QueryEscape("زمان وار"), status: 200},
		{op: "GET /search", target: "/api/v1/search?q=" + url.QueryEscape("زمان واریز"), auth: tok, status: 200},
		{op: "GET /search", target: "/api/v1/search?q=" + url.QueryEscape(latinLayout(t, "زمان واریز")), status: 200},
		{op: "GET /search", target: "/api/v1/search?q=" + long, status: 400},
		{op: "GET /search", auth: "Bearer wrong", status: 401},
		{op: "GET /search", noState: true, status: 503},
		{op: "GET /suggest", status: 200}, {op: "GET /suggest", auth: tok, status: 200},
		{op: "GET /suggest", target: "/api/v1/suggest?q=a&limit=11", status: 400},
		{op: "GET /suggest", auth: "Bearer wrong", status: 401},
		{op: "GET /suggest", noState: true, status: 503},
		{op: "GET /articles/{slug}", status: 200}, {op: "GET /articles/{slug}", auth: tok, status: 200},
		{op: "GET /articles/{slug}", target: "/api/v1/articles/" + internalSlug, auth: tok, status: 200},
		{op: "GET /articles/{slug}", target: "/api/v1/articles/old-refund", status: 301},
		{op: "GET /articles/{slug}", target: "/api/v1/articles/" + internalSlug, status: 404},
		{op: "GET /articles/{slug}", target: "/api/v1/articles/nope", auth: tok, status: 404},
		{op: "GET /articles/{slug}", auth: "Bearer wrong", status: 401},
		{op: "GET /articles/{slug}", noState: true, status: 503},
		{op: "GET /categories", status: 200}, {op: "GET /categories", auth: tok, status: 200},
		{op: "GET /categories", auth: "Basic x", status: 401},
		{op: "GET /categories", noState: true, status: 503},
		{op: "GET /openapi.json", status: 200},
		{op: "GET /openapi.json", noState: true, status: 503},
	}
	produced := map[string]bool{}
	for _, call := range calls {
		o, ok := ops[call.op]
		if !ok {
			t.Fatalf("operation %q is not documented", call.op)
		}
		target := call.target
		if target == "" {
			target = o.exampleTarget(t)
		}
		name := fmt.Sprintf("%s/%d", call.op, call.status)
		if call.auth != "" {
			name += "/token"
		}
		t.Run(name, func(t *testing.T) {
			h := srv.Handler()
			if call.noState {
				h = starting.Handler()
			}
			req := staffRequest{target: target}
			if call.auth != "" {
				req.header = map[string]string{"Authorization": call.auth}
			}
			rec := req.send(h)
			if rec.Code != call.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, call.status, rec.Body)
			}
			code := strconv.Itoa(rec.Code)
			produced[call.op+" "+code] = true
			resp, ok := o.responses[code].(map[string]any)
			if !ok {
				t.Fatalf("status %s is not documented for %s", code, call.op)
			}
			resp = resolve(t, doc, resp)
			checkResponse(t, doc, resp, rec.Header(), rec.Body.Bytes())
		})
	}
	for key, o := range ops {
		for code := range o.responses {
			if !produced[key+" "+code] {
				t.Errorf("no call produced the documented %s response of %s", code, key)
			}
		}
	}
	checkRoutesDocumented(t, srv, ops)
}

// checkResponse checks the documented headers and JSON body of one response.
func checkResponse(t *testing.T, doc, resp map[string]any, header http.Header, body []byte) {
	t.Helper()
	for name := range asMap(resp["headers"]) {
		if header.Get(name) == "" {
			t.Errorf("documented header %s is missing", name)
		}
	}
	content := asMap(resp["content"])
	if content == nil {
		return
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON", ct)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	checkSchema(t, doc, asMap(asMap(content["application/json"])["schema"]), v, "body")
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

var ginParamRe = regexp.MustCompile(`:([a-z]+)`)

// checkRoutesDocumented: every GET route under /api/v1 is a documented operation and every
// operation a route (HEAD mirrors GET; OPTIONS is the CORS preflight).
func checkRoutesDocumented(t *testing.T, srv *Server, ops map[string]openAPIOp) {
	t.Helper()
	routes := map[string]bool{}
	for _, r := range srv.engine.Routes() {
		path, ok := strings.CutPrefix(r.Path, apiV1Prefix)
		if !ok || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			continue
		}
		routes[r.Method+" "+ginParamRe.ReplaceAllString(path, "{$1}")] = true
	}
	var missing, extra []string
	for k := range routes {
		if _, ok := ops[k]; !ok {
			missing = append(missing, k)
		}
	}
	for k := range ops {
		if !routes[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("routes not documented: %v; documented operations without a route: %v", missing, extra)
	}
	if len(routes) < 5 {
		t.Errorf("found only %d /api/v1 routes: %v", len(routes), routes)
	}
}
