using Kiosk.Broker;
using Kiosk.Contract.Topics;
using Kiosk.Screens.Tests.Support;
using Kiosk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// The attack from the review, in Debian's Chromium: a page on another port of the same host (the same "site", so the
/// SameSite=Strict cookie goes along) posts a <c>text/plain</c> form and a no-cors fetch to a logged-in loket's command
/// endpoint. Neither may reach the broker; the real page's own press right after does, and it is the first thing on the
/// counter's command topic.
/// </summary>
public sealed class CrossOriginBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    public async Task A_page_on_another_port_cannot_command_a_logged_in_loket_by_form_or_no_cors_fetch()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var loket = await Pages.LoketAsync(browser, h, 1);
        await using var commands = await MosquittoSubscriber.StartAsync(h.Broker, h.Broker.For(BrokerRoles.Kiosk), new SiteTopics(ScreensHarness.Site).Command(1));
        await using var attacker = await AttackerSiteAsync(new Uri(h.BaseAddress, "/api/loket/1/perintah"));

        // Same browser, same cookie jar as the logged-in loket page.
        var attack = await loket.Context.NewPageAsync();
        await attack.GotoAsync(attacker.Address.ToString());
        Assert.NotEqual(new Uri(attack.Url).Port, h.BaseAddress.Port);

        var fetched = await attack.RunAndWaitForResponseAsync(() => attack.EvaluateAsync("() => window.attack()"), "**/api/loket/1/perintah");
        Assert.Equal(403, fetched.Status);
        Assert.StartsWith("text/plain", await fetched.Request.HeaderValueAsync("content-type"), StringComparison.Ordinal);

        var posted = await attack.RunAndWaitForResponseAsync(() => attack.EvaluateAsync("() => document.getElementById('serangan').submit()"), "**/api/loket/1/perintah");
        Assert.Equal(403, posted.Status);
        Assert.StartsWith("text/plain", await posted.Request.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        Assert.Contains("halaman lain", await posted.TextAsync(), StringComparison.Ordinal);

        // Positive control: the loket's own page pauses; on one MQTT session the forged commands would have come first.
        await loket.BringToFrontAsync();
        await loket.Keyboard.PressAsync("i");
        // The host's own "serving" question at login (and its repeats while the kiosk is slow) may come first.
        string payload;
        do
        {
            (_, payload) = await commands.NextAsync(ScreensHarness.Wait);
        }
        while (payload.Contains("\"type\":\"serving\"", StringComparison.Ordinal));

        Assert.Contains("\"pause\"", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("serangan", payload, StringComparison.Ordinal);
        await Assertions.Expect(loket.Locator("#tombol-istirahat")).ToHaveAttributeAsync("data-perintah", "resume", new() { Timeout = Pages.Timeout });
    }

    /// <summary>The attacker's page, served by a second Kestrel on another loopback port.</summary>
    private static async Task<AttackerSite> AttackerSiteAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var action = target.ToString();
        var page = $$"""
            <!doctype html><html><body>
            <form id="serangan" method="POST" enctype="text/plain" action="{{action}}">
              <input type="hidden" name='{"commandId":"serangan-form","type":"pause","x":"' value='"}'>
            </form>
            <script>
              window.attack = () => fetch("{{action}}", {
                method: "POST", mode: "no-cors", credentials: "include",
                headers: { "Content-Type": "text/plain" },
                body: JSON.stringify({ commandId: "serangan-fetch", type: "pause" }),
              }).then(() => "sent", (e) => "failed: " + e);
            </script>
            </body></html>
            """;
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AttackerSite(app, new Uri(address));
    }

    private sealed class AttackerSite(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
