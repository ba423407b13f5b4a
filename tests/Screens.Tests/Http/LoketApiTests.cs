using System.Net;
using System.Text;
using Kiosk.Screens.Tests.Support;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Http;

/// <summary>
/// The loket's HTTP surface against the real stack: login is the broker's CONNECT, commands go through the kiosk, and
/// every bad input gets a Bahasa Indonesia answer without touching another loket.
/// </summary>
public sealed class LoketApiTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private ScreensHarness H => stack.Harness;

    [Fact]
    public async Task Loket_1_logs_in_with_its_password_and_calls_the_next_patient()
    {
        var number = await H.PressAsync("umum");
        using var client = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(client, 1, H.Password(1)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var (status, reply) = await ScreensHarness.CommandAsync(client, 1, new { commandId = ScreensHarness.NewId(), type = "call-next" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(number, reply.GetProperty("ticket").GetProperty("number").GetString());

        (status, reply) = await ScreensHarness.CommandAsync(client, 1, new { commandId = ScreensHarness.NewId(), type = "serve" });
        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
    }

    [Fact]
    public async Task Counter_2_with_counter_1s_password_is_refused_in_Indonesian()
    {
        using var client = H.NewClient();
        using var refused = await ScreensHarness.LoginAsync(client, 2, H.Password(1));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("kata sandi salah", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var empty = await ScreensHarness.LoginAsync(client, 2, "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Kata sandi wajib diisi", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var zero = await ScreensHarness.LoginAsync(client, 0, "x");
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);

        // No session came of it.
        using var session = await client.GetAsync("/api/loket/sesi");
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    [Fact]
    public async Task A_page_logged_in_as_counter_2_cannot_act_for_counter_1_with_a_forged_post()
    {
        using var client = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(client, 2, H.Password(2)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var (status, body) = await ScreensHarness.CommandAsync(client, 1, new { commandId = ScreensHarness.NewId(), type = "pause" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("loket 2", body.GetProperty("pesan").GetString(), StringComparison.Ordinal);

        (status, body) = await ScreensHarness.CommandAsync(client, 2, new { commandId = ScreensHarness.NewId(), type = "pause", counter = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("perintah untuk loket 1 ditolak", body.GetProperty("pesan").GetString(), StringComparison.Ordinal);

        // Counter 1 was never paused by any of it.
        using var view = System.Text.Json.JsonDocument.Parse(H.Display.Current().Json);
        var counter1 = view.RootElement.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "1");
        Assert.False(counter1.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Commands_without_a_ticket_or_with_an_unknown_poli_get_a_clear_answer()
    {
        using var client = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(client, 3, H.Password(3)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        // The kiosk answers: nothing is being served at loket 3.
        var (status, reply) = await ScreensHarness.CommandAsync(client, 3, new { commandId = ScreensHarness.NewId(), type = "serve" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Contains("Tidak ada nomor yang sedang dilayani", reply.GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, reply) = await ScreensHarness.CommandAsync(client, 3, new { commandId = ScreensHarness.NewId(), type = "call" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Sebutkan nomor antrean", reply.GetProperty("pesan").GetString(), StringComparison.Ordinal);

        (status, reply) = await ScreensHarness.CommandAsync(client, 3, new { commandId = ScreensHarness.NewId(), type = "transfer", poli = "P-XYZ" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Poli 'P-XYZ' tidak dikenal", reply.GetProperty("pesan").GetString(), StringComparison.Ordinal);

        (status, reply) = await ScreensHarness.CommandAsync(client, 3, new { commandId = ScreensHarness.NewId(), type = "fly" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("tidak dikenal", reply.GetProperty("pesan").GetString(), StringComparison.Ordinal);

        (status, reply) = await ScreensHarness.CommandAsync(client, 3, new { type = "pause" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("ID perintah wajib", reply.GetProperty("pesan").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_or_broken_body_is_refused_and_the_host_keeps_serving()
    {
        using var client = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(client, 3, H.Password(3)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        // 100 KB: well over the 16 KB limit, yet small enough that the client finishes sending before the answer.
        var huge = "{\"commandId\":\"x\",\"type\":\"pause\",\"reason\":\"" + new string('a', 100_000) + "\"}";
        using (var response = await client.PostAsync("/api/loket/3/perintah", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("terlalu besar", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var response = await client.PostAsync("/api/loket/3/perintah", new StringContent("{not json", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("tidak dapat dibaca", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var response = await client.PostAsync("/api/loket/masuk", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        // Another loket is unaffected.
        using var other = H.NewClient();
        using var ok = await ScreensHarness.LoginAsync(other, 2, H.Password(2));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_a_command_is_refused()
    {
        using var client = H.NewClient();
        var (status, body) = await ScreensHarness.CommandAsync(client, 1, new { commandId = ScreensHarness.NewId(), type = "call-next" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Silakan masuk", body.GetProperty("pesan").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_display_stream_is_cleaned_up_and_a_new_one_gets_the_state()
    {
        var before = H.Display.Browsers.Count;
        using var client = H.NewClient();
        using (var cut = new CancellationTokenSource(ScreensHarness.Wait))
        {
            using var response = await client.GetAsync("/api/layar/aliran", HttpCompletionOption.ResponseHeadersRead, cut.Token);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cut.Token));
            Assert.Equal("event: keadaan", await reader.ReadLineAsync(cut.Token));
            Assert.Equal(before + 1, H.Display.Browsers.Count);
        }

        // The connection is gone (disposed mid-stream): the host notices and forgets the browser.
        await Eventually.TrueAsync(() => H.Display.Browsers.Count == before, "the cut stream is removed");

        using var again = await client.GetAsync("/api/layar/aliran", HttpCompletionOption.ResponseHeadersRead);
        using var next = new StreamReader(await again.Content.ReadAsStreamAsync());
        Assert.Equal("event: keadaan", await next.ReadLineAsync().WaitAsync(ScreensHarness.Wait));
        Assert.Contains("UPTD Puskesmas Kokop", await next.ReadLineAsync().WaitAsync(ScreensHarness.Wait), StringComparison.Ordinal);
    }
}
