// Command render renders a Helm chart the way `helm template` does, for tests on machines without helm: Go's
// text/template with the sprig function library and Helm's own additions (include, tpl, required, toYaml...),
// values coalesced over values.yaml, values.schema.json enforced with the JSON-schema library Helm 3 used
// (xeipuuv/gojsonschema), and every rendered manifest split and parsed as YAML.
//
// It does not fetch or render dependency charts (charts/ is empty here): it reports which are enabled.
//
//	render -chart helm/startales [-f extra.yaml]... [-release NAME] [-namespace NS] [-strict] [-upgrade]
//
// Prints JSON {manifests: [{template, object}], notes, dependencies: [{name, enabled}]}; exits 1 with the error
// (template, schema or YAML) on stderr.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/xeipuuv/gojsonschema"
	"sigs.k8s.io/yaml"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// Chart mirrors the fields of helm's chart.Metadata that templates read as .Chart.X.
type Chart struct {
	Name, Version, AppVersion, Description, Type, KubeVersion, Home string
	Keywords                                                        []string
}

type Release struct {
	Name, Namespace, Service string
	IsInstall, IsUpgrade     bool
	Revision                 int
}

type KubeVersion struct{ Version, Major, Minor, GitVersion string }

func (k KubeVersion) String() string { return k.Version }

type APIVersions []string

func (a APIVersions) Has(v string) bool {
	for _, x := range a {
		if x == v {
			return true
		}
	}
	return false
}

type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions APIVersions
}

type TemplateInfo struct{ Name, BasePath string }

// Files is the (empty) .Files object: this chart reads no extra files.
type Files map[string][]byte

func (f Files) Get(name string) string { return string(f[name]) }

type manifest struct {
	Template string                 `json:"template"`
	Object   map[string]interface{} `json:"object"`
}

type dependency struct {
	Name    string `json:"name"`
	Enabled bool   `json:"enabled"`
}

type output struct {
	Manifests    []manifest   `json:"manifests"`
	Notes        string       `json:"notes"`
	Dependencies []dependency `json:"dependencies"`
}

func main() {
	var files multiFlag
	chartDir := flag.String("chart", "", "chart directory")
	release := flag.String("release", "startales", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	strict := flag.Bool("strict", false, "fail on a missing value (missingkey=error, as `helm lint --strict`)")
	upgrade := flag.Bool("upgrade", false, "render as an upgrade (.Release.IsUpgrade)")
	flag.Var(&files, "f", "values file (repeatable; later ones win)")
	flag.Parse()
	out, err := run(*chartDir, files, *release, *namespace, *strict, *upgrade)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func readYAML(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// coalesce merges src over dst as helm does for user values: maps merge key by key, anything else replaces, and a
// null deletes the key.
func coalesce(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		sm, sok := v.(map[string]interface{})
		dm, dok := dst[k].(map[string]interface{})
		if sok && dok {
			dst[k] = coalesce(dm, sm)
		} else {
			dst[k] = v
		}
	}
	return dst
}

func run(chartDir string, files []string, releaseName, namespace string, strict, upgrade bool) (*output, error) {
	if chartDir == "" {
		return nil, errors.New("-chart is required")
	}
	meta, err := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	chart := Chart{
		Name: str(meta["name"]), Version: str(meta["version"]), AppVersion: str(meta["appVersion"]),
		Description: str(meta["description"]), Type: str(meta["type"]), KubeVersion: str(meta["kubeVersion"]), Home: str(meta["home"]),
	}
	values, err := readYAML(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		user, err := readYAML(f)
		if err != nil {
			return nil, err
		}
		values = coalesce(values, user)
	}
	if _, ok := values["global"]; !ok {
		values["global"] = map[string]interface{}{}
	}
	if err := validateSchema(chartDir, values); err != nil {
		return nil, err
	}

	deps := []dependency{}
	if list, ok := meta["dependencies"].([]interface{}); ok {
		for _, d := range list {
			dm, _ := d.(map[string]interface{})
			enabled := true
			if cond := str(dm["condition"]); cond != "" {
				enabled = truthy(lookupPath(values, cond))
			}
			deps = append(deps, dependency{Name: str(dm["name"]), Enabled: enabled})
		}
	}

	top := map[string]interface{}{
		"Values":  values,
		"Chart":   chart,
		"Release": Release{Name: releaseName, Namespace: namespace, Service: "Helm", IsInstall: !upgrade, IsUpgrade: upgrade, Revision: 1},
		"Capabilities": Capabilities{
			KubeVersion: KubeVersion{Version: "v1.30.0", Major: "1", Minor: "30", GitVersion: "v1.30.0"},
			APIVersions: APIVersions{"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1", "postgresql.cnpg.io/v1"},
		},
		"Files": Files{},
	}

	// every file under templates/ is parsed into one set, named as helm names them (<chart>/templates/<file>)
	tdir := filepath.Join(chartDir, "templates")
	var names []string
	sources := map[string]string{}
	err = filepath.Walk(tdir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(chartDir, p)
		name := path.Join(chart.Name, filepath.ToSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		names = append(names, name)
		sources[name] = string(data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)

	t := template.New("gotpl")
	if strict {
		t.Option("missingkey=error")
	} else {
		t.Option("missingkey=zero")
	}
	t.Funcs(funcMap(t))
	for _, name := range names {
		if _, err := t.New(name).Parse(sources[name]); err != nil {
			return nil, err
		}
	}

	out := &output{Manifests: []manifest{}, Dependencies: deps}
	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") {
			continue
		}
		vals := map[string]interface{}{}
		for k, v := range top {
			vals[k] = v
		}
		vals["Template"] = TemplateInfo{Name: name, BasePath: path.Join(chart.Name, "templates")}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, vals); err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if base == "NOTES.txt" {
			out.Notes = text
			continue
		}
		if !strings.HasSuffix(base, ".yaml") && !strings.HasSuffix(base, ".yml") {
			continue
		}
		docs, err := splitManifests(name, text)
		if err != nil {
			return nil, err
		}
		out.Manifests = append(out.Manifests, docs...)
	}
	return out, nil
}

var sep = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// splitManifests splits a rendered file at `---` as helm's releaseutil does and parses each document; a document
// that is not a Kubernetes object (no apiVersion, kind or metadata.name) is an error, as it would be at install.
func splitManifests(name, text string) ([]manifest, error) {
	var out []manifest
	for i, doc := range sep.Split(text, -1) {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		obj := map[string]interface{}{}
		if err := yaml.UnmarshalStrict([]byte(doc), &obj); err != nil {
			return nil, fmt.Errorf("%s: document %d is not valid YAML: %w\n%s", name, i, err, doc)
		}
		if len(obj) == 0 {
			continue
		}
		md, _ := obj["metadata"].(map[string]interface{})
		if str(obj["apiVersion"]) == "" || str(obj["kind"]) == "" || md == nil || str(md["name"]) == "" {
			return nil, fmt.Errorf("%s: document %d lacks apiVersion, kind or metadata.name:\n%s", name, i, doc)
		}
		out = append(out, manifest{Template: name, Object: obj})
	}
	return out, nil
}

func validateSchema(chartDir string, values map[string]interface{}) error {
	schema, err := os.ReadFile(filepath.Join(chartDir, "values.schema.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	doc, err := json.Marshal(values)
	if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(doc))
	if err != nil {
		return fmt.Errorf("values.schema.json: %w", err)
	}
	if result.Valid() {
		return nil
	}
	var sb strings.Builder
	sb.WriteString("values don't meet the specifications of the schema(s) in the following chart(s):\n")
	for _, e := range result.Errors() {
		sb.WriteString(fmt.Sprintf("- %s\n", e))
	}
	return errors.New(sb.String())
}

func str(v interface{}) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

func truthy(v interface{}) bool {
	switch x := v.(type) {
	case bool:
		return x
	case nil:
		return false
	default:
		return true
	}
}

func lookupPath(values map[string]interface{}, dotted string) interface{} {
	var cur interface{} = values
	for _, part := range strings.Split(dotted, ".") {
		m, ok := cur.(map[string]interface{})
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}
