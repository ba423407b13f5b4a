using System.Text.Json;
using Kiosk.Broker;
using Kiosk.Contract;
using Kiosk.Device.Devices;
using Kiosk.Device.Printing;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Queue.Model;
using Kiosk.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Device.Tests.EndToEnd;

public sealed class PrinterFaultTests
{
    [Fact]
    public async Task Out_of_paper_refuses_presses_without_using_a_number_and_says_so_on_the_status_topic()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        await using var status = await MosquittoSubscriber.StartAsync(kiosk.Broker, kiosk.User(BrokerRoles.Display), $"{kiosk.Root}/kiosk/+/status");

        kiosk.Session.SetPrinter(VirtualPrinterState.PaperOut);
        await IssueFlowTests.WaitForAsync(status, (_, payload) => JsonDocument.Parse(payload).RootElement.GetProperty("printer").GetString() == "paper-out");
        await Eventually.TrueAsync(() => kiosk.Session.Lamps.Get(KioskSignals.ProblemLamp), "the problem lamp is lit");
        Assert.False(kiosk.Session.Lamps.Get(KioskSignals.ButtonLamp("umum")));

        var refused = await kiosk.PressAsync("umum");

        Assert.Equal("Refused", refused.Kind);
        Assert.Contains("Kertas printer habis", refused.Message, StringComparison.Ordinal);
        Assert.Empty(kiosk.Session.Engine.TodayTickets());
        Assert.Empty(kiosk.Receipts);

        kiosk.Session.SetPrinter(VirtualPrinterState.Ok);
        await Eventually.TrueAsync(() => !kiosk.Session.Lamps.Get(KioskSignals.ProblemLamp), "the problem lamp goes out");
        var printed = await kiosk.PressAsync("umum");
        Assert.Equal("A-001", printed.Number);
    }

    [Fact]
    public async Task A_ticket_whose_print_failed_is_never_called_until_it_is_reprinted()
    {
        await using var kiosk = await KioskHarness.StartAsync();
        kiosk.Session.Printer.FailNextJob(PrintFailureKind.Offline, "USB cable pulled mid-job");

        var failed = await kiosk.PressAsync("umum");

        Assert.Equal("PrintFailed", failed.Kind);
        var ticket = Assert.Single(kiosk.Session.Engine.TodayTickets());
        Assert.NotEqual(PrintState.Printed, ticket.PrintState);

        // The supervisor sees the printer answer "ok" again and reprints it, marked as a reprint.
        await Eventually.TrueAsync(() => kiosk.Receipts.Any(r => r.Text.Contains("CETAK ULANG", StringComparison.Ordinal)), "the failed ticket is reprinted");
        var reprint = kiosk.Receipts.Single(r => r.Text.Contains("CETAK ULANG", StringComparison.Ordinal));
        Assert.Contains("A-001", reprint.Text, StringComparison.Ordinal);
        Assert.Contains("Pasien baru: KTP", reprint.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => kiosk.Session.Engine.TodayTickets().Single().PrintState == PrintState.Printed, "the ticket is marked printed");

        var called = await kiosk.CommandAsync(1, new { commandId = "after-reprint", type = "call-next" });
        Assert.Equal("A-001", called.GetProperty("ticket").GetProperty("number").GetString());
    }

    [Fact]
    public async Task While_a_ticket_waits_for_its_reprint_counters_cannot_call_it()
    {
        // No status polling during the test, so nothing reprints the ticket behind its back.
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string> { ["Kiosk:Printer:StatusPollSeconds"] = "600" });
        kiosk.Session.Printer.FailNextJob(PrintFailureKind.PaperOut, "paper ran out mid-ticket");

        var failed = await kiosk.PressAsync("umum");
        kiosk.Session.Printer.State = VirtualPrinterState.PaperOut;
        var called = await kiosk.CommandAsync(1, new { commandId = "ghost", type = "call-next" });

        Assert.Equal("PrintFailed", failed.Kind);
        Assert.False(called.GetProperty("ok").GetBoolean(), called.ToString());
        Assert.Equal(PrintState.Failed, kiosk.Session.Engine.TodayTickets().Single().PrintState);
    }

    [Fact]
    public async Task A_ticket_cut_off_mid_print_tells_the_patient_the_real_cause_not_that_the_printer_is_ready()
    {
        // The printer answers "ready" again right after the cable came back; the job itself was cut off.
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string> { ["Kiosk:Printer:StatusPollSeconds"] = "600" });
        kiosk.Session.Printer.FailNextJob(PrintFailureKind.Disconnected, "cable pulled mid-ticket");

        var failed = await kiosk.PressAsync("umum");

        Assert.Equal("PrintFailed", failed.Kind);
        Assert.StartsWith("Tiket A-001 gagal dicetak: sambungan ke printer terputus saat mencetak", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("siap", failed.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_failed_job_on_a_printer_that_reports_a_fault_names_the_fault()
    {
        await using var kiosk = await KioskHarness.StartAsync(new Dictionary<string, string> { ["Kiosk:Printer:StatusPollSeconds"] = "600" });
        kiosk.Session.Printer.FailNextJob(PrintFailureKind.Timeout, "no answer");
        // The kiosk's one check at start has read the printer ready (on a loaded machine it may come after the harness
        // returns, and would then see the paper-out below and refuse the press instead of failing the job).
        var health = kiosk.Session.Services.GetRequiredService<PrinterHealth>();
        await Eventually.TrueAsync(() => health.Status.Condition == Kiosk.DeviceDrivers.Printing.Status.PrinterCondition.Ok, "the kiosk's first printer check read it ready");

        // The paper ran out while the kiosk had not polled yet: the job's status read says so.
        kiosk.Session.Printer.State = VirtualPrinterState.PaperOut;
        var failed = await kiosk.PressAsync("umum");

        Assert.Equal("PrintFailed", failed.Kind);
        Assert.StartsWith("Tiket A-001 gagal dicetak: kertas printer habis.", failed.Message, StringComparison.Ordinal);
    }
}
