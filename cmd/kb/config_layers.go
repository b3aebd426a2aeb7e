package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"persiankb/kb/events"
	"persiankb/kb/site"
)

// envName is the environment variable of a flag: KB_ and the flag's name in capitals, dashes as
// underscores (--keep-events: KB_KEEP_EVENTS).
func envName(flagName string) string {
	return "KB_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// applyLayers completes the flag values parsed from the command line with the environment and the
// configuration file: a flag given on the command line wins, then its environment variable (the
// flag's default, read when the flag was registered), then the file, then the built-in default.
// Every layer is checked even where a higher one overrides it: a broken setting is a mistake
// wherever it is.
func applyLayers(fs *flag.FlagSet, env *cliEnv, file string) error {
	cmdline := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { cmdline[f.Name] = true })
	if err := checkEnvTypes(fs, env); err != nil {
		return err
	}
	if file == "" {
		return nil
	}
	settings, err := readConfigFile(file, fs)
	if err != nil {
		return err
	}
	for _, st := range settings {
		bad := func(err error) error { return &configError{file: file, key: st.key, line: st.line, msg: err.Error()} }
		if check := fileChecks[st.key]; check != nil {
			if err := check(st.text); err != nil {
				if secretKeys[st.key] {
					return bad(err) // the value stays out of the logs
				}
				return bad(fmt.Errorf("%q: %w", st.text, err))
			}
		}
		if cmdline[st.key] || env.getenv(envName(st.key)) != "" {
			continue
		}
		if err := fs.Lookup(st.key).Value.Set(st.text); err != nil {
			return bad(err)
		}
	}
	return nil
}

// checkEnvTypes refuses boolean and duration environment variables that do not parse, which
// the flags' defaults would otherwise read as false or zero.
func checkEnvTypes(fs *flag.FlagSet, env *cliEnv) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		v := env.getenv(name)
		if v == "" || err != nil {
			return
		}
		switch flagKind(f) {
		case "bool":
			switch strings.ToLower(v) {
			case "1", "true", "yes", "on", "0", "false", "no", "off":
			default:
				err = fmt.Errorf("environment %s=%q: want true or false", name, v)
			}
		case "duration":
			if _, perr := time.ParseDuration(v); perr != nil {
				err = fmt.Errorf("environment %s=%q: want a duration such as 720h or 90m", name, v)
			}
		}
	})
	return err
}

// secretKeys are the settings whose values error messages never show.
var secretKeys = map[string]bool{
	"site-secret": true, "admin-password-hash": true, "admin-token": true, "agent-tokens": true,
	"api-tokens": true, "ticket-webhook-secret": true, "smtp-password": true,
}

// fileChecks check single settings of the configuration file, so that a bad value is reported
// with its file, line and key. Combinations (--admin-user needs --admin-password-hash) are
// checked afterwards on the merged configuration.
var fileChecks = map[string]func(string) error{
	"content":             nonEmpty,
	"data":                nonEmpty,
	"addr":                checkAddr,
	"metrics-addr":        checkOptionalAddr,
	"base-url":            checkOptionalBaseURL,
	"analyzer":            checkAnalyzer,
	"tz":                  checkTimeZone,
	"holdout":             checkHoldout,
	"keep-events":         checkKeepEvents,
	"log-format":          checkLogFormat,
	"log-level":           func(s string) error { _, err := parseLogLevel(s); return err },
	"trusted-proxies":     checkTrustedProxies,
	"search-rate":         checkSearchRate,
	"search-concurrency":  func(s string) error { _, err := parseSearchConcurrency(s); return err },
	"site-secret":         checkSiteSecret,
	"admin-password-hash": checkPasswordHash,
	"admin-token":         checkTokens,
	"agent-tokens":        checkTokens,
	"api-tokens":          checkTokens,
	"edit-url":            func(s string) error { return site.CheckEditURL(s) },
}

func nonEmpty(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("must not be empty")
	}
	return nil
}

// checkAddr accepts HOST:PORT with a numeric port (HOST may be empty: every interface).
func checkAddr(s string) error {
	_, port, err := net.SplitHostPort(s)
	if err == nil {
		var n int
		n, err = strconv.Atoi(port)
		if err == nil && (n < 0 || n > 65535) {
			err = errors.New("port out of range")
		}
	}
	if err != nil {
		return errors.New("want HOST:PORT such as 127.0.0.1:8080 or :8080")
	}
	return nil
}

func checkOptionalAddr(s string) error {
	if s == "" {
		return nil
	}
	return checkAddr(s)
}

func checkOptionalBaseURL(s string) error {
	if s == "" {
		return nil
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want an absolute http(s) URL such as https://help.example.com")
	}
	return nil
}

func checkAnalyzer(s string) error {
	if !validAnalyzer(s) {
		return fmt.Errorf("want %s", strings.Join(analyzers(), " or "))
	}
	return nil
}

func checkTimeZone(s string) error {
	if _, err := time.LoadLocation(s); err != nil {
		return errors.New("want an IANA zone such as Asia/Tehran or UTC")
	}
	return nil
}

func checkHoldout(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("want a fraction such as 0.05")
	}
	_, err = events.NewHoldout(f)
	return err
}

func checkKeepEvents(s string) error {
	if d, err := time.ParseDuration(s); err != nil || d < 0 {
		return errors.New("want 0 (keep them) or a duration such as 2160h")
	}
	return nil
}

func checkSiteSecret(s string) error {
	if s != "" && len(s) < siteSecretBytes {
		return fmt.Errorf("want at least %d bytes", siteSecretBytes)
	}
	return nil
}

func checkPasswordHash(s string) error {
	if s == "" {
		return nil
	}
	if _, err := bcrypt.Cost([]byte(s)); err != nil {
		return errors.New("not a bcrypt hash (make one with kb hash-password)")
	}
	return nil
}

func checkTokens(s string) error {
	for _, tok := range splitList(s) {
		if len(tok) < site.MinTokenBytes {
			return fmt.Errorf("tokens must be at least %d characters (e.g. openssl rand -hex 32)", site.MinTokenBytes)
		}
	}
	return nil
}
