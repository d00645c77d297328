package eval

import "github.com/spelunk-dev/spelunk/internal/pcre"

// DefaultRegexTimeout bounds one regex match when Options.RegexTimeout is 0.
const DefaultRegexTimeout = pcre.DefaultTimeout
