package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// genSysmon writes n generated Sysmon events shaped like real exports:
// 60% EventID 1 (process create), the rest 3, 11, 13 and 10, one per line,
// values varying per event.
func genSysmon(buf *bytes.Buffer, n int) {
	images := []string{`C:\Windows\System32\cmd.exe`, `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
		`C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Windows\System32\wbem\WMIC.exe`, `C:\Windows\System32\svchost.exe`}
	const head = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/><EventID>%d</EventID><Version>5</Version><Level>4</Level><Task>%d</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='2024-05-14T08:%02d:%02d.%07dZ'/><EventRecordID>%d</EventRecordID><Correlation/><Execution ProcessID='2468' ThreadID='3128'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>wks-%d.corp.example.com</Computer><Security UserID='S-1-5-18'/></System><EventData>`
	for i := range n {
		img := images[i%len(images)]
		eid := 1
		switch i % 10 {
		case 6:
			eid = 3
		case 7:
			eid = 11
		case 8:
			eid = 13
		case 9:
			eid = 10
		}
		fmt.Fprintf(buf, head, eid, eid, (i/60)%60, i%60, i%10000000, 1000000+i, i%300)
		switch eid {
		case 1:
			fmt.Fprintf(buf, `<Data Name='RuleName'>-</Data><Data Name='UtcTime'>2024-05-14 08:%02d:%02d.123</Data><Data Name='ProcessGuid'>{51E9D293-D6B3-6000-0000-00%010d}</Data><Data Name='ProcessId'>%d</Data><Data Name='Image'>%s</Data><Data Name='FileVersion'>10.0.19041.1 (WinBuild.160101.0800)</Data><Data Name='Description'>Windows Command Processor</Data><Data Name='Product'>Microsoft&#174; Windows&#174; Operating System</Data><Data Name='Company'>Microsoft Corporation</Data><Data Name='OriginalFileName'>Cmd.Exe</Data><Data Name='CommandLine'>"%s" /c echo %d &amp;&amp; whoami /all</Data><Data Name='CurrentDirectory'>C:\Users\user%d\</Data><Data Name='User'>CORP\user%d</Data><Data Name='LogonGuid'>{51E9D293-57B2-5FFF-0000-002032970400}</Data><Data Name='LogonId'>0x49732</Data><Data Name='TerminalSessionId'>1</Data><Data Name='IntegrityLevel'>High</Data><Data Name='Hashes'>MD5=06210E84C1FA61B0A320559DD458625C,SHA256=2818289572EA6B60681D2724737C3E5C87B3731054F47E9D8E4253D8528D88B7,IMPHASH=442218E88D4D6AA0BE3165DD7B20A4C4</Data><Data Name='ParentProcessGuid'>{51E9D293-D3FD-6000-0000-0010F9096201}</Data><Data Name='ParentProcessId'>%d</Data><Data Name='ParentImage'>C:\Windows\explorer.exe</Data><Data Name='ParentCommandLine'>C:\Windows\Explorer.EXE</Data><Data Name='ParentUser'>CORP\user%d</Data>`,
				(i/60)%60, i%60, i, 1000+i%60000, img, img, i, i%500, i%500, 500+i%900, i%500)
		case 3:
			fmt.Fprintf(buf, `<Data Name='RuleName'>-</Data><Data Name='UtcTime'>2024-05-14 08:00:00.000</Data><Data Name='ProcessGuid'>{51E9D293-D6B3-6000-0000-00%010d}</Data><Data Name='ProcessId'>%d</Data><Data Name='Image'>%s</Data><Data Name='User'>CORP\user%d</Data><Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data><Data Name='SourceIsIpv6'>false</Data><Data Name='SourceIp'>10.0.%d.%d</Data><Data Name='SourceHostname'>-</Data><Data Name='SourcePort'>%d</Data><Data Name='SourcePortName'>-</Data><Data Name='DestinationIsIpv6'>false</Data><Data Name='DestinationIp'>93.184.216.%d</Data><Data Name='DestinationHostname'>-</Data><Data Name='DestinationPort'>443</Data><Data Name='DestinationPortName'>https</Data>`,
				i, 1000+i%60000, img, i%500, i%200, i%250, 49152+i%16000, i%250)
		case 11:
			fmt.Fprintf(buf, `<Data Name='RuleName'>-</Data><Data Name='UtcTime'>2024-05-14 08:00:00.000</Data><Data Name='ProcessGuid'>{51E9D293-D6B3-6000-0000-00%010d}</Data><Data Name='ProcessId'>%d</Data><Data Name='Image'>%s</Data><Data Name='TargetFilename'>C:\Users\user%d\AppData\Local\Temp\tmp%d.tmp</Data><Data Name='CreationUtcTime'>2024-05-14 08:00:00.000</Data><Data Name='User'>CORP\user%d</Data>`,
				i, 1000+i%60000, img, i%500, i, i%500)
		case 13:
			fmt.Fprintf(buf, `<Data Name='RuleName'>-</Data><Data Name='EventType'>SetValue</Data><Data Name='UtcTime'>2024-05-14 08:00:00.000</Data><Data Name='ProcessGuid'>{51E9D293-D6B3-6000-0000-00%010d}</Data><Data Name='ProcessId'>%d</Data><Data Name='Image'>%s</Data><Data Name='TargetObject'>HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run\item%d</Data><Data Name='Details'>C:\Temp\a%d.exe</Data><Data Name='User'>CORP\user%d</Data>`,
				i, 1000+i%60000, img, i%100, i, i%500)
		case 10:
			fmt.Fprintf(buf, `<Data Name='RuleName'>-</Data><Data Name='UtcTime'>2024-05-14 08:00:00.000</Data><Data Name='SourceProcessGUID'>{51E9D293-D6B3-6000-0000-00%010d}</Data><Data Name='SourceProcessId'>%d</Data><Data Name='SourceThreadId'>1234</Data><Data Name='SourceImage'>%s</Data><Data Name='TargetProcessGUID'>{51E9D293-D6B3-6000-0000-001000000001}</Data><Data Name='TargetProcessId'>640</Data><Data Name='TargetImage'>C:\Windows\system32\lsass.exe</Data><Data Name='GrantedAccess'>0x1010</Data><Data Name='CallTrace'>C:\Windows\SYSTEM32\ntdll.dll+9d1e4|C:\Windows\System32\KERNELBASE.dll+2c13e|UNKNOWN(00000000001E1A2B)</Data><Data Name='SourceUser'>CORP\user%d</Data><Data Name='TargetUser'>NT AUTHORITY\SYSTEM</Data>`,
				i, 1000+i%60000, img, i%500)
		}
		buf.WriteString("</EventData></Event>\n")
	}
}

// peakHeap samples the heap in use until stop is closed.
func peakHeap(stop <-chan struct{}, peak *atomic.Uint64) {
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// BenchmarkLoadEventsSysmon reads generated Sysmon XML into events (kept)
// and the data-model tables, reporting MB/s, events/s and the peak heap as
// a multiple of the input size.
func BenchmarkLoadEventsSysmon(b *testing.B) { benchLoadEvents(b, nil, 100000) }

// BenchmarkLoadEventsSysmonKeep is BenchmarkLoadEventsSysmon with
// Options.Keep keeping the WMIC process creations (10% of the events), as
// the filter of `sysmon` EventCode=1 Image=*wmic* does.
func BenchmarkLoadEventsSysmonKeep(b *testing.B) {
	keep := func(ev *Event) bool {
		code, _ := ev.Get("EventCode")
		img, _ := ev.Get("Image")
		return code == "1" && strings.Contains(strings.ToLower(img), "wmic")
	}
	benchLoadEvents(b, keep, 10000)
}

func benchLoadEvents(b *testing.B, keep func(*Event) bool, wantEvents int) {
	const n = 100000
	var buf bytes.Buffer
	genSysmon(&buf, n)
	p := filepath.Join(b.TempDir(), "sysmon.log")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	size := buf.Len()
	buf = bytes.Buffer{}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var peak atomic.Uint64
	var maxPeak, live uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		peak.Store(0)
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		events, tabs, _, err := LoadEvents(context.Background(), []string{p}, Options{Keep: keep})
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		if len(events) != wantEvents || tabs["Endpoint.Processes"].Len() != n*6/10 {
			b.Fatalf("%d events, %d Processes rows", len(events), tabs["Endpoint.Processes"].Len())
		}
		if pk := peak.Load() - min(base, peak.Load()); pk > maxPeak {
			maxPeak = pk
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		live = ms.HeapAlloc - min(ms.HeapAlloc, base)
		runtime.KeepAlive(events)
		runtime.KeepAlive(tabs)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(maxPeak)/float64(size), "peak-heap/input")
	b.ReportMetric(float64(live)/float64(size), "live-heap/input")
}

// BenchmarkWalkSysmon is BenchmarkLoadEventsSysmon with the events created
// and enriched but not kept (the table-building path of Load).
func BenchmarkWalkSysmon(b *testing.B) {
	const n = 100000
	var buf bytes.Buffer
	genSysmon(&buf, n)
	p := filepath.Join(b.TempDir(), "sysmon.log")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	size := buf.Len()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var maxPeak uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		var peak atomic.Uint64
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		count := 0
		tabs, _, err := Walk(context.Background(), []string{p}, Options{}, func(*Event) error { count++; return nil })
		close(stop)
		if err != nil || count != n || tabs["Endpoint.Processes"].Len() != n*6/10 {
			b.Fatalf("%v %d", err, count)
		}
		if pk := peak.Load() - min(ms.HeapInuse, peak.Load()); pk > maxPeak {
			maxPeak = pk
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(maxPeak)/float64(size), "peak-heap/input")
}
