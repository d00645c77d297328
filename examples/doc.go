// Package examples shows spelunk used as a library: its Example tests load
// the example security_content directory in examples/content and the
// synthetic Sysmon log in examples/data, and run a detection over it.
//
// examples/content holds two detections (Remote WMI Command Attempt and
// Script Execution via WMI) and the macros they call, in security_content
// layout; examples/data/wmi_sysmon.log holds hand-written Sysmon events in
// Splunk's XmlWinEventLog form: two remote WMI commands (one by a renamed
// wmic.exe), look-alikes that must not match, a scrcons.exe start, and a
// network event.
//
// examples/data doubles as a local attack_data mirror: the example
// detections' tests name
// https://media.githubusercontent.com/media/splunk/attack_data/master/wmi_sysmon.log,
// which Example_test (and `spelunk test --content examples/content
// --attack-data examples/data`) read from examples/data/wmi_sysmon.log.
package examples
