package kb

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseSynonyms(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    [][]string
		errLine int    // line of the first problem; 0: no problem
		errText string // part of its message
	}{
		{"flow lists", "# comment\n- [رمز عبور, گذرواژه, password]\n- [لغو, کنسل]\n",
			[][]string{{"رمز عبور", "گذرواژه", "password"}, {"لغو", "کنسل"}}, 0, ""},
		{"block lists and spaces", "-\n  - ' رمز   عبور '\n  - پسورد\n",
			[][]string{{"رمز عبور", "پسورد"}}, 0, ""},
		{"empty file", "# nothing yet\n", nil, 0, ""},
		{"not a list", "رمز: گذرواژه\n", nil, 1, "list of groups"},
		{"group not a list", "- [a, b]\n- رمز\n", nil, 2, "must be a list"},
		{"one term", "- [a, b]\n- [a2]\n", nil, 2, "2 to"},
		{"nested list", "- [a, [b, c]]\n", nil, 1, "word or a short phrase"},
		{"empty term", "- [a, '']\n", nil, 1, "empty term"},
		{"null term", "- [a, ~]\n", nil, 1, "word or a short phrase"},
		{"duplicate in group", "- [a, b, A]\n", nil, 1, "twice"},
		{"term in two groups", "- [a, b]\n- [c, d]\n- [e, B]\n", nil, 3, "line 1"},
		{"too many words", "- [a, یک دو سه چهار پنج شش]\n", nil, 1, "words"},
		{"syntax error", "- [a, b]\n- [c, d\n", nil, 2, "invalid YAML"},
		{"tab indentation", "- [a, b]\n-\n\t- c\n", nil, 3, "invalid YAML"},
		{"invalid UTF-8", "- [a, b]\n- [c, \xff]\n", nil, 2, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := ParseSynonyms(SynonymsFile, []byte(tt.data))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("groups = %q, want %q", got, tt.want)
			}
			if tt.errLine == 0 {
				if len(probs) > 0 {
					t.Errorf("problems: %v", probs)
				}
				return
			}
			if len(probs) == 0 {
				t.Fatal("no problem reported")
			}
			p := probs[0]
			if p.Path != SynonymsFile || p.Line != tt.errLine || p.Warning || !strings.Contains(p.Message, tt.errText) {
				t.Errorf("problem = %q (line %d, warning %v), want line %d with %q", p.Error(), p.Line, p.Warning, tt.errLine, tt.errText)
			}
		})
	}
}

func TestLoadSynonyms(t *testing.T) {
	good := "- [رمز عبور, گذرواژه]\n"
	bad := "- [رمز عبور, گذرواژه]\n- [تنها]\n"
	load := func(t *testing.T, synonyms string) *Library {
		dir := t.TempDir()
		files := map[string]string{"account/password.md": "# رمز\n\nمتن"}
		if synonyms != "" {
			files[SynonymsFile] = synonyms
		}
		writeTree(t, dir, files)
		lib, err := Load(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	t.Run("good file", func(t *testing.T) {
		lib := load(t, good)
		if want := [][]string{{"رمز عبور", "گذرواژه"}}; !reflect.DeepEqual(lib.Synonyms, want) {
			t.Errorf("Synonyms = %q, want %q", lib.Synonyms, want)
		}
	})
	t.Run("no file", func(t *testing.T) {
		if lib := load(t, ""); lib.Synonyms != nil || len(lib.Problems) > 0 {
			t.Errorf("Synonyms = %q, problems %v", lib.Synonyms, lib.Problems)
		}
	})
	t.Run("bad file keeps previous synonyms", func(t *testing.T) {
		prev := load(t, good)
		lib := load(t, bad)
		if lib.Synonyms != nil {
			t.Errorf("Synonyms of a broken file = %q", lib.Synonyms)
		}
		if len(lib.Problems) != 1 || lib.Problems[0].Error() != SynonymsFile+":2: a group needs 2 to 20 terms, this one has 1" {
			t.Errorf("problems = %v", lib.Problems)
		}
		lib.KeepSynonyms(prev)
		if !reflect.DeepEqual(lib.Synonyms, prev.Synonyms) {
			t.Errorf("after KeepSynonyms: %q, want %q", lib.Synonyms, prev.Synonyms)
		}
		again := load(t, bad).KeepLastGood(prev)
		if !reflect.DeepEqual(again.Synonyms, prev.Synonyms) {
			t.Errorf("after KeepLastGood: %q, want %q", again.Synonyms, prev.Synonyms)
		}
		good := load(t, good)
		good.KeepSynonyms(&Library{Synonyms: [][]string{{"x", "y"}}})
		if len(good.Synonyms) != 1 || good.Synonyms[0][0] != "رمز عبور" {
			t.Errorf("KeepSynonyms replaced a good file's synonyms: %q", good.Synonyms)
		}
	})
	t.Run("too big", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a/b.md": "# b\n"})
		big := strings.Repeat("- [a, b]\n", MaxSynonymsBytes/8)
		if err := os.WriteFile(filepath.Join(dir, SynonymsFile), []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
		lib, err := Load(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(lib.Problems) != 1 || !strings.Contains(lib.Problems[0].Message, "too big") {
			t.Errorf("problems = %v", lib.Problems)
		}
	})
}

func TestContentSynonyms(t *testing.T) {
	lib, err := Load("../content", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range lib.Problems {
		if p.Path == SynonymsFile {
			t.Errorf("content synonyms: %v", p)
		}
	}
	if len(lib.Synonyms) < 10 {
		t.Errorf("content has %d synonym groups", len(lib.Synonyms))
	}
}
