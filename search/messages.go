package search

import (
	"fmt"
	"strconv"
	"strings"
)

// Persian texts shown to customers by this package: every one of them lives in this file.
const (
	faQueryTooLong = "متن جستجو خیلی طولانی است؛ حداکثر %s نویسه بنویسید."
	faBadLimit     = "تعداد نتایج در هر صفحه باید بین ۱ تا %s باشد."
	faBadPage      = "شمارهٔ صفحه باید بین ۱ تا %s باشد."
)

// faf formats a Persian message with n written in Persian digits.
func faf(format string, n int) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, strconv.Itoa(n))
	return fmt.Sprintf(format, digits)
}
