using System.Net;
using Deque.AxeCore.Playwright;
using Kiosk.Bpjs.Protocol;
using Microsoft.Playwright;

namespace Kiosk.Simulator.Tests;

/// <summary>
/// The front panel's BPJS section with the real bridge and the BPJS double: a JKN ticket issued at the kiosk is shown
/// as received by BPJS; with the internet cut the next one's report waits (the backlog line says so) and arrives when
/// the internet is back.
/// </summary>
public sealed partial class FrontPanelBrowserTests
{
    private const string FirstCard = "0001234567890";
    private const string SecondCard = "0001234567891";

    [SkippableFact]
    public async Task A_JKN_ticket_is_shown_as_received_by_BPJS_and_with_the_internet_cut_its_report_waits_until_it_is_back()
    {
        await using var harness = await PanelHarness.StartAsync(TimeSpan.Zero, withBpjs: true);
        var page = await OpenAsync(harness);
        var bpjs = harness.Bpjs!;
        var received = page.Locator("#bpjs-received tbody tr");
        await Assertions.Expect(page.Locator("#bpjs")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToHaveTextAsync("Tidak ada laporan BPJS yang menunggu.", new() { Timeout = Timeout });

        // A BPJS card scanned at the kiosk: a JKN ticket, reported as it prints.
        await ScanAsync(page, FirstCard);
        await Assertions.Expect(received).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var first = Assert.Single(harness.Numbers());
        var row = page.Locator($"#bpjs-received tr[data-number=\"{first}\"]");
        await Assertions.Expect(row).ToContainTextAsync("tambah antrean");
        await Assertions.Expect(row).ToContainTextAsync("001");
        await Assertions.Expect(row).ToContainTextAsync("diterima");
        await Assertions.Expect(row).ToContainTextAsync("0001*****7890");
        Assert.Equal(FirstCard, Assert.Single(bpjs.Service.Received).NomorKartu);

        // The internet cut: the next ticket still prints; its report waits in the outbox and the backlog line says so.
        await page.ClickAsync("#internet");
        await Assertions.Expect(page.Locator("#internet")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Timeout });
        Assert.True(bpjs.InternetCut);
        await ScanAsync(page, SecondCard);
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToContainTextAsync("1 laporan BPJS menunggu koneksi sejak", new() { Timeout = Timeout });
        var second = harness.Numbers()[1];
        Assert.Single(bpjs.Service.Received);
        Assert.Equal(1, await received.CountAsync());

        // Back: the waiting report arrives once, newest first in the list, and nothing waits.
        await page.ClickAsync("#internet");
        await Assertions.Expect(page.Locator("#internet")).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = Timeout });
        await Assertions.Expect(received).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToHaveAttributeAsync("data-number", second, new() { Timeout = Timeout });
        await Assertions.Expect(received.First).ToContainTextAsync("diterima");
        await Assertions.Expect(page.Locator("#bpjs-backlog")).ToHaveTextAsync("Tidak ada laporan BPJS yang menunggu.", new() { Timeout = Timeout });
        Assert.Equal([FirstCard, SecondCard], bpjs.Service.Received.Where(r => r.Kind == "add").Select(r => r.NomorKartu));
        Assert.All(bpjs.Service.Requests.Where(r => r.Kind is "add"), r => Assert.NotEqual(BpjsOutcomeKind.Retry, r.Answer.Kind));

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

    private static async Task ScanAsync(IPage page, string text)
    {
        await page.FillAsync("#scan", text);
        await page.PressAsync("#scan", "Enter");
    }
}
