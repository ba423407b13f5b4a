using System.Net;
using System.Text.Json;
using Kiosk.Screens.Tests.Support;
using Kiosk.Screens.Tests.Voice;
using Kiosk.Screens.Voice;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Screens.Tests.Http;

/// <summary>
/// The joined call at <c>/suara/panggilan/{key}.wav</c> against the real stack: the TV gets its address in every
/// <c>panggilan</c>, a good key gives one WAV, a Puskesmas's recording wins, and every bad key a clean Indonesian refusal.
/// </summary>
public sealed class AnnouncementAudioApiTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string GoodKey = "chime_nomor-antrean_a_dua_belas_silakan-menuju_loket_satu";

    private ScreensHarness H => stack.Harness;

    [Fact]
    public async Task The_tv_receives_the_joined_audio_address_in_each_panggilan_and_it_plays_as_one_wav()
    {
        using var display = H.NewClient();
        display.Timeout = Timeout.InfiniteTimeSpan;
        using var stream = await display.GetAsync("/api/layar/aliran", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        using var loket = H.NewClient();
        using (var login = await ScreensHarness.LoginAsync(loket, 3, H.Password(3)))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (status, reply) = await ScreensHarness.CommandAsync(loket, 3, new { commandId = ScreensHarness.NewId(), type = "emergency", service = "UMUM", reason = "uji suara" });
            Assert.True(status == HttpStatusCode.OK && reply.GetProperty("ok").GetBoolean(), reply.ToString());
            numbers.Add(reply.GetProperty("ticket").GetProperty("number").GetString()!);
            (status, reply) = await ScreensHarness.CommandAsync(loket, 3, new { commandId = ScreensHarness.NewId(), type = "serve" });
            Assert.True(status == HttpStatusCode.OK && reply.GetProperty("ok").GetBoolean(), reply.ToString());
        }

        foreach (var number in numbers)
        {
            var call = await NextCallAsync(reader, number);
            var clips = call.GetProperty("clips").EnumerateArray().Select(c => c.GetString()!).ToList();
            var audio = call.GetProperty("audio").GetString();
            Assert.Equal(AnnouncementAudio.PathFor(clips), audio);
            Assert.Contains("_loket_tiga.wav", audio, StringComparison.Ordinal);

            using var response = await loket.GetAsync(audio);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
            Assert.True(WavAudio.TryRead(await response.Content.ReadAsByteArrayAsync(), out var wav, out var reason), reason);
            Assert.InRange(wav!.Duration, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7));
        }
    }

    [Fact]
    public async Task A_recording_in_the_override_folder_is_heard_in_the_joined_call_at_once()
    {
        using var client = H.NewClient();
        var before = await GetWavAsync(client, "loket_empat");
        Assert.Equal(22_050, before.SampleRate);

        Directory.CreateDirectory(H.OverrideFolder);
        var recorded = ClipJoinerTests.Tone(48_000, 1, TimeSpan.FromMilliseconds(500), 0.6f);
        await File.WriteAllBytesAsync(Path.Combine(H.OverrideFolder, "empat.wav"), recorded.ToWav16());
        try
        {
            var after = await GetWavAsync(client, "loket_empat");
            Assert.Equal(48_000, after.SampleRate);
            var loket = ClipJoiner.Trim(ClipJoinerTests.Read("loket")).Length / 22_050.0;
            var expected = TimeSpan.FromSeconds(loket + 0.5) + AnnouncementPauses.BetweenWords;
            Assert.InRange(after.Duration, expected - TimeSpan.FromMilliseconds(5), expected + TimeSpan.FromMilliseconds(5));

            // A broken recording is logged and the generated clip is used instead.
            await File.WriteAllTextAsync(Path.Combine(H.OverrideFolder, "empat.wav"), "bukan suara");
            var fallback = await GetWavAsync(client, "loket_empat");
            Assert.Equal(before.Samples, fallback.Samples);
        }
        finally
        {
            File.Delete(Path.Combine(H.OverrideFolder, "empat.wav"));
        }
    }

    [Fact]
    public async Task An_unknown_clip_is_404_with_its_name()
    {
        using var client = H.NewClient();
        using var response = await client.GetAsync("/suara/panggilan/chime_nomor-antrean_tidak-ada.wav");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Rekaman 'tidak-ada' tidak ada.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileKeys() => new()
    {
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "..%5C..%5Cwindows",
        "chime_..%2Fscreens",
        "%2Fetc%2Fpasswd",
        "chime__satu",
        "_chime",
        "chime_",
        "Chime_SATU",
        "chime%0A",
        "loket%20satu",
        "loket;satu",
        "lok%C3%A9t",
        "-loket",
        new string('a', 42),
        string.Join('_', Enumerable.Repeat("satu", AnnouncementAudio.MaxClips + 1)),
        string.Join('_', Enumerable.Repeat("sembilan", 200)),
    };

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public async Task A_hostile_or_made_up_key_is_refused_cleanly_and_the_host_keeps_serving(string key)
    {
        using var client = H.NewClient();
        using var response = await client.GetAsync($"/suara/panggilan/{key}.wav");
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{key}: {response.StatusCode}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(body.GetProperty("pesan").GetString()));

        using var good = await client.GetAsync($"/suara/panggilan/{GoodKey}.wav");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    /// <summary>Kestrel itself refuses these before routing (a NUL in the path, a request line over its limit).</summary>
    [Theory]
    [InlineData("chime%00_satu")]
    [InlineData(null)]
    public async Task A_key_kestrel_refuses_before_routing_leaves_the_host_serving(string? key)
    {
        using var client = H.NewClient();
        using var response = await client.GetAsync($"/suara/panggilan/{key ?? new string('a', 20_000)}.wav");
        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());
        using var good = await client.GetAsync($"/suara/panggilan/{GoodKey}.wav");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public void The_cache_stays_within_its_bound()
    {
        var audio = H.Screens.Services.GetRequiredService<AnnouncementAudio>();
        foreach (var number in Enumerable.Range(1, 60))
        {
            var call = AnnouncementBuilder.ToCounter($"c{number}", $"A-{number:000}", "1");
            Assert.Equal(AudioOutcome.Joined, audio.Get(call.Audio![AnnouncementAudio.RoutePrefix.Length..^4]).Outcome);
        }

        Assert.InRange(audio.CachedBytes, 1, AnnouncementAudio.CacheBytes);
    }

    private static async Task<WavAudio> GetWavAsync(HttpClient client, string key)
    {
        using var response = await client.GetAsync($"/suara/panggilan/{key}.wav");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(WavAudio.TryRead(await response.Content.ReadAsByteArrayAsync(), out var wav, out var reason), reason);
        return wav!;
    }

    private static async Task<JsonElement> NextCallAsync(StreamReader reader, string number)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync().WaitAsync(ScreensHarness.Wait) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "panggilan")
            {
                var call = JsonDocument.Parse(line[6..]).RootElement.Clone();
                if (call.GetProperty("number").GetString() == number)
                {
                    return call;
                }
            }
        }

        throw new InvalidOperationException("The display stream ended before the call arrived.");
    }
}
