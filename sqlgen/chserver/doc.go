// Package chserver runs searches compiled by package sqlgen for the
// ClickHouse dialect on a ClickHouse server, through the native protocol
// of github.com/ClickHouse/clickhouse-go/v2, with the CIM dataset tables,
// raw events and lookups loaded into a database of its own.
//
// Its tests compare the server's rows with the interpreter's; they run
// when SPELUNK_CLICKHOUSE_ADDR names a server (host:port of its native
// TCP port, as .ci/clickhouse start prints it) and skip otherwise. The
// oldest server they are run against is Debian bookworm's
// clickhouse-server 18.16; docs/sql.md lists what the dialect avoids or
// refuses for it.
package chserver
