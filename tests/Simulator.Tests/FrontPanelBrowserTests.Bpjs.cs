using System.Net;
using Deque.AxeCore.Playwright;
using Kiosk.Bpjs.Protocol;
using Kiosk.Queue.Configuration;
using Kiosk.Simulator.Bpjs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// The front panel's BPJS section with the real bridge and the BPJS double, mapped as a real site maps its polis
/// (<see cref="Kiosk.Simulator.Bpjs.SimulatedBpjs.PoliMap"/>): a JKN patient's whole life as BPJS hears it, played from
/// the panel's loket buttons. The registration ticket is never reported; the patient is added to BPJS's queue when the
/// loket sends them on to a poli, then called there; with the internet cut the next patient's report waits (the
/// backlog line says so) and arrives when the internet is back; a cancel at the poli is BPJS's batal.
/// </summary>
public sealed partial class FrontPanelBrowserTests
{
    private const string FirstCard = "0001234567890";
    private const string SecondCard = "0001234567891";

    [SkippableFact]
    public async Task A_JKN_patient_sent_on_to_a_poli_is_shown_added_called_and_cancelled_at_BPJS_and_with_the_internet_cut_the_report_waits()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withBpjs: true);
        var page = await OpenAsync(harness);
        var bpjs = harness.Bpjs!;
        var received = page.Locator("#bpjs-received tbody tr");
        await Assertions.Expect(page.Locator("#bpjs")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToHaveTextAsync("Tidak ada laporan BPJS yang menunggu.", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#bpjs")).ToContainTextAsync("baru dilaporkan saat loket meneruskannya ke Poli Umum");

        // A BPJS card scanned at the kiosk: a number of the BPJS registration loket, which is no poli of BPJS's.
        await ScanAsync(page, FirstCard);
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var registration = Assert.Single(harness.Numbers());

        // Loket 2 calls the patient and sends them on to poli umum: BPJS hears tambah antrean of the poli's ticket, 001.
        await DeskAsync(page, "2", "call-next", $"Memanggil {registration}");
        await DeskAsync(page, "2", "transfer", "dengan nomor U-001", poli: "P-UMUM");
        await Assertions.Expect(received).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var added = page.Locator("#bpjs-received tr[data-number=\"U-001\"]");
        await Assertions.Expect(added).ToContainTextAsync("tambah antrean");
        await Assertions.Expect(added).ToContainTextAsync("001");
        await Assertions.Expect(added).ToContainTextAsync("diterima");
        await Assertions.Expect(added).ToContainTextAsync("0001*****7890");

        // The poli umum room calls and serves the patient: panggil (hadir) under 001.
        await DeskAsync(page, "4", "call-next", "Memanggil U-001");
        await DeskAsync(page, "4", "serve", "U-001 selesai dilayani");
        await Assertions.Expect(received).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToContainTextAsync("panggil (hadir)");
        await Assertions.Expect(received.First).ToContainTextAsync("001");

        // The internet cut: the next patient still goes to poli gigi; the poli ticket's report waits in the outbox.
        await page.ClickAsync("#internet");
        await Assertions.Expect(page.Locator("#internet")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Timeout });
        Assert.True(bpjs.InternetCut);
        await ScanAsync(page, SecondCard);
        await Assertions.Expect(page.Locator("#roll .ticket")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await DeskAsync(page, "2", "call-next", "Memanggil ");
        await DeskAsync(page, "2", "transfer", "dengan nomor G-001", poli: "P-GIGI");
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToContainTextAsync("1 laporan BPJS menunggu koneksi sejak", new() { Timeout = Timeout });
        Assert.Equal(2, bpjs.Service.Received.Count);
        Assert.Equal(2, await received.CountAsync());

        // Back: the waiting report arrives once, newest first in the list, and nothing waits.
        await page.ClickAsync("#internet");
        await Assertions.Expect(page.Locator("#internet")).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = Timeout });
        await Assertions.Expect(received).ToHaveCountAsync(3, new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToHaveAttributeAsync("data-number", "G-001", new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToContainTextAsync("002");
        await Assertions.Expect(received.First).ToContainTextAsync("diterima");
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToHaveTextAsync("Tidak ada laporan BPJS yang menunggu.", new() { Timeout = Timeout });

        // The dental room calls the patient, who is sent home: batal under 002.
        await DeskAsync(page, "5", "call-next", "Memanggil G-001");
        await DeskAsync(page, "5", "cancel", "G-001 dibatalkan");
        await Assertions.Expect(received).ToHaveCountAsync(4, new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToContainTextAsync("batal");
        await Assertions.Expect(received.First).ToContainTextAsync("002");

        // What BPJS holds: each patient once, under the poli they were sent to; no registration number ever reached it.
        Assert.Equal(
            [("add", "001", FirstCard), ("panggil", "001", FirstCard), ("add", "002", SecondCard), ("batal", "002", SecondCard)],
            bpjs.Service.Received.Select(r => (r.Kind, r.KodePoli, r.NomorKartu)));
        Assert.Equal(["U-001", "G-001"], bpjs.Service.Received.Where(r => r.Kind == "add").Select(r => r.NomorAntrean));
        Assert.All(bpjs.Service.Requests.Where(r => r.Kind is "add"), r => Assert.NotEqual(BpjsOutcomeKind.Retry, r.Answer.Kind));
        Assert.DoesNotContain(registration, await page.Locator("#bpjs-received").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        // No full card number on the page: the panel shows them masked.
        var html = await page.ContentAsync();
        Assert.DoesNotContain(FirstCard, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondCard, html, StringComparison.Ordinal);

        // The section as used, checked by axe-core.
        var result = await page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, string.Join("\n", severe.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task The_simulator_maps_its_polis_to_BPJS_and_never_a_registration_loket()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withBpjs: true);
        var queue = harness.Session.Services.GetRequiredService<QueueEngineOptions>();
        var mapped = SimulatedBpjs.PoliMap.Split(',').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        Assert.Equal(["P-UMUM", "P-GIGI", "P-KIA"], mapped.Keys);
        Assert.All(mapped.Keys, service => Assert.Contains(queue.Polis, poli => poli.Code == service));
        Assert.All(mapped.Keys, service => Assert.DoesNotContain(queue.Services, registration => registration.Code == service));
        var listed = harness.Bpjs!.Service.Mode.Poli.Select(p => p.KodePoli).ToHashSet(StringComparer.Ordinal);
        Assert.All(mapped.Values, kode => Assert.Contains(kode, listed));
    }

    [Fact]
    public async Task An_unknown_internet_switch_gets_one_Indonesian_sentence_and_changes_nothing()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withBpjs: true);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await client.PostAsync(new Uri(harness.Server.Address, "api/internet/mati-lampu"), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Pilihan internet 'mati-lampu' tidak dikenal (putus atau sambung).", await MessageAsync(response));
        Assert.False(harness.Bpjs!.InternetCut);
    }

    [Fact]
    public async Task Without_BPJS_the_internet_switch_says_so()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await client.PostAsync(new Uri(harness.Server.Address, "api/internet/putus"), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BPJS tidak dijalankan di simulator ini.", await MessageAsync(response));
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response)
    {
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("message").GetString();
    }

    /// <summary>One loket button of the panel, for <paramref name="counter"/>; waits for the officer's reply to say <paramref name="expected"/>.</summary>
    private static async Task DeskAsync(IPage page, string counter, string command, string expected, string? poli = null)
    {
        await page.SelectOptionAsync("#desk-counter", counter);
        if (poli is not null)
        {
            await page.SelectOptionAsync("#desk-poli", poli);
        }

        // Cleared first, so a reply that happens to repeat the last one's number is still this click's.
        await page.EvalOnSelectorAsync("#desk-reply", "e => e.textContent = ''");
        await page.ClickAsync($"[data-cmd={command}]");
        await Assertions.Expect(page.Locator("#desk-reply")).ToContainTextAsync(expected, new() { Timeout = Timeout });
    }

    private static async Task ScanAsync(IPage page, string text)
    {
        await page.FillAsync("#scan", text);
        await page.PressAsync("#scan", "Enter");
    }
}
