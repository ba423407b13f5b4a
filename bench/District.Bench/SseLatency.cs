using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.District.Dinkes;
using Kiosk.District.Local;
using Kiosk.District.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Kiosk.District.Bench;

/// <summary>
/// From a kiosk's event to the Dinkes dashboard's SSE: a Dinkes user logged in through the login form (an HttpClient
/// holding the session cookie) watches <c>/dinkes/aliran</c>, as the page's EventSource does; a probe site publishes
/// <c>ticket.called</c> events (sequence k, occurred now) to JetStream as its district link would, and sample k has
/// arrived when the first dashboard view shows the probe site with at least k calls in the last hour. In the same run and
/// for the same message: publish to JetStream's acknowledgement (stored R3) and publish to a plain NATS subscriber of
/// its subject on the same cluster (the cluster's own delivery, the baseline).
/// </summary>
internal sealed partial class SseLatency : IAsyncDisposable
{
    public const string ProbeSite = "sonde-sse";
    public static readonly TimeSpan Cadence = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ArrivalBound = TimeSpan.FromMinutes(5);

    private readonly HttpClient http;
    private readonly NatsConnection site;
    private readonly NatsConnection watcher;
    private readonly INatsSub<byte[]> subscription;
    private readonly CancellationTokenSource stop = new();
    private readonly string template;
    private readonly ConcurrentDictionary<string, long> subscribed = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<(long Calls, long At)> views = [];
    private Task reading = Task.CompletedTask;
    private Task listening = Task.CompletedTask;
    private long sequence;

    private SseLatency(HttpClient http, NatsConnection site, NatsConnection watcher, INatsSub<byte[]> subscription, string template)
    {
        this.http = http;
        this.site = site;
        this.watcher = watcher;
        this.subscription = subscription;
        this.template = template;
    }

    public static async Task<SseLatency> StartAsync(PrivateNatsCluster nats, Uri service, string user, string password, RecordedDay day)
    {
        // A recorded call, moved to today's business day in the district's zone (the dashboard counts today's calls).
        var recorded = day.Events.FirstOrDefault(e => e.Type == EventTypes.TicketCalled);
        BenchRun.Require(recorded is not null, "the recorded day has no ticket.called event for the SSE probe");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, new DinkesOptions().Zone()).DateTime);
        var ticket = ContractJson.Deserialize<TicketData>(recorded!.DataJson.Replace(RecordedDay.Site, ProbeSite, StringComparison.Ordinal)) with { BusinessDay = today };
        var template = ContractJson.Serialize(ticket);

        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = service, Timeout = Timeout.InfiniteTimeSpan };
        NatsConnection? site = null;
        NatsConnection? watcher = null;
        try
        {
            await LoginAsync(http, user, password);
            site = nats.Connect(nats.SiteCredentials(ProbeSite), "bench-sse-probe");
            await site.ConnectAsync();
            watcher = nats.Connect(nats.AdminCredentials, "bench-sse-baseline");
            await watcher.ConnectAsync();
            var subscription = await watcher.SubscribeCoreAsync<byte[]>(DistrictSubjects.Events(ProbeSite));
            var latency = new SseLatency(http, site, watcher, subscription, template);
            latency.listening = latency.ListenAsync();
            await latency.WatchAsync();
            return latency;
        }
        catch
        {
            http.Dispose();
            if (site is not null)
            {
                await site.DisposeAsync();
            }

            if (watcher is not null)
            {
                await watcher.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// One probe event per <see cref="Cadence"/> (each publish awaited, as a link waits for its acknowledgement) while
    /// <paramref name="more"/> says so and fewer than <paramref name="samples"/> were sent; then waits for each to reach
    /// the dashboard's SSE.
    /// </summary>
    public async Task<LatencyFigures> ProbeAsync(int samples, Func<bool> more)
    {
        var jetStream = new NatsJSContext(site);
        var subject = DistrictSubjects.Events(ProbeSite);
        var sent = new List<(long Sequence, string Id, long At, long Acked)>();
        using var timer = new PeriodicTimer(Cadence);
        while (sent.Count < samples && (sent.Count == 0 || more()))
        {
            var eventId = Guid.NewGuid();
            var id = eventId.ToString("D");
            var k = ++sequence;
            var payload = EventEnvelope.Encode(eventId, k, EventTypes.TicketCalled, DateTimeOffset.UtcNow, ProbeSite, template);
            var at = Stopwatch.GetTimestamp();
            var answer = await jetStream.PublishAsync(subject, payload, opts: new NatsJSPubOpts { MsgId = id }).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            answer.EnsureSuccess();
            sent.Add((k, id, at, Stopwatch.GetTimestamp()));
            await timer.WaitForNextTickAsync();
        }

        var deadline = Stopwatch.StartNew();
        var last = sent[^1].Sequence;
        while (ArrivedAt(last) is null || sent.Any(s => !subscribed.ContainsKey(s.Id)))
        {
            BenchRun.Require(!reading.IsCompleted, $"the dashboard's SSE stream ended: {reading.Exception?.GetBaseException().Message ?? "the server closed it"}");
            BenchRun.Require(deadline.Elapsed < ArrivalBound, $"probe {last} did not reach the dashboard's SSE within {ArrivalBound.TotalMinutes:0} minutes of its publish");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        var sse = new List<double>(sent.Count);
        var ack = new List<double>(sent.Count);
        var plain = new List<double>(sent.Count);
        foreach (var (k, id, at, acked) in sent)
        {
            sse.Add(Stopwatch.GetElapsedTime(at, ArrivedAt(k)!.Value).TotalMilliseconds);
            ack.Add(Stopwatch.GetElapsedTime(at, acked).TotalMilliseconds);
            plain.Add(Stopwatch.GetElapsedTime(at, subscribed[id]).TotalMilliseconds);
        }

        return new LatencyFigures(sent.Count, Figures.Of(sse), Figures.Of(ack), Figures.Of(plain));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(reading, listening).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or TimeoutException or NatsException)
        {
            // Stopping: the stream and the subscription end with their cancellation.
        }

        await subscription.DisposeAsync();
        await site.DisposeAsync();
        await watcher.DisposeAsync();
        http.Dispose();
        stop.Dispose();
    }

    /// <summary>The login form as a browser fills it: its antiforgery field and cookie, then the session cookie.</summary>
    private static async Task LoginAsync(HttpClient http, string user, string password)
    {
        var form = await http.GetStringAsync(new Uri("/dinkes/masuk", UriKind.Relative));
        var token = HiddenField().Match(form);
        BenchRun.Require(token.Success, "the login page has no antiforgery field");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WebUtility.HtmlDecode(token.Groups[1].Value)] = WebUtility.HtmlDecode(token.Groups[2].Value),
            ["kembali"] = "/dinkes",
            ["pengguna"] = user,
            ["sandi"] = password,
        });
        using var response = await http.PostAsync(new Uri("/dinkes/masuk", UriKind.Relative), content);
        BenchRun.Require(response.IsSuccessStatusCode && response.RequestMessage?.RequestUri?.AbsolutePath == "/dinkes",
            $"the Dinkes login did not open the dashboard (HTTP {(int)response.StatusCode} at {response.RequestMessage?.RequestUri?.AbsolutePath})");
    }

    private async Task WatchAsync()
    {
        var response = await http.GetAsync(new Uri(DinkesEndpoints.StreamPath, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token);
        BenchRun.Require(response.IsSuccessStatusCode, $"the dashboard's SSE stream answered HTTP {(int)response.StatusCode}");
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reading = Task.Run(async () =>
        {
            using (response)
            {
                await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                {
                    if (item.EventType == "dasbor")
                    {
                        var at = Stopwatch.GetTimestamp();
                        var row = ProbeCalls().Match(item.Data);
                        var calls = row.Success ? long.Parse(new string([.. row.Groups[1].Value.Where(char.IsAsciiDigit)]) is { Length: > 0 } digits ? digits : "0", CultureInfo.InvariantCulture) : 0;
                        lock (gate)
                        {
                            views.Add((calls, at));
                        }

                        first.TrySetResult();
                    }
                }
            }
        });
        await first.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ListenAsync()
    {
        await foreach (var message in subscription.Msgs.ReadAllAsync(stop.Token))
        {
            var at = Stopwatch.GetTimestamp();
            if (message.Headers?.TryGetValue("Nats-Msg-Id", out var id) == true)
            {
                subscribed.TryAdd(id.ToString(), at);
            }
        }
    }

    /// <summary>When the first view showing at least <paramref name="calls"/> calls of the probe site arrived.</summary>
    private long? ArrivedAt(long calls)
    {
        lock (gate)
        {
            foreach (var (seen, at) in views)
            {
                if (seen >= calls)
                {
                    return at;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<tr data-situs=\"" + ProbeSite + "\">.*?<td data-label=\"" + DinkesTeks.Staf.ColumnCalledLastHour + "\"[^>]*>([^<]*)</td>")]
    private static partial Regex ProbeCalls();
}

/// <summary>Milliseconds from a probe's publish to the dashboard's SSE, to its JetStream acknowledgement and to a plain subscriber.</summary>
internal sealed record LatencyFigures(int Samples, Figures Sse, Figures Acknowledged, Figures Subscribed);

internal sealed record Figures(double P50, double P99)
{
    public static Figures Of(List<double> values)
    {
        var sorted = values.Order().ToList();
        return new Figures(At(sorted, 0.50), At(sorted, 0.99));
    }

    private static double At(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
