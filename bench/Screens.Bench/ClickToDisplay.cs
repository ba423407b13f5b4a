using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Kiosk.Broker;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;
using Kiosk.Mqtt;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Views;
using Kiosk.Screens.Voice;

namespace Kiosk.Screens.Bench;

/// <summary>
/// The officer's click (HTTP POST of an emergency call on loket 1) to the display's SSE <c>panggilan</c> event, with a
/// tap on the broker (the kiosk role reads every topic) that timestamps each hop: the loket session's command, the
/// kiosk's reply and the kiosk's outbox event. Next to it, a bare Kiosk.Mqtt QoS 1 round trip on the same broker.
/// </summary>
internal sealed class ClickToDisplay : IAsyncDisposable
{
    private const int WarmUp = 20;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly HttpClient loket;
    private readonly HttpClient display;
    private readonly StreamReader stream;
    private readonly MqttClient tap;
    private readonly MqttClient roundTrip;
    private readonly SiteTopics topics;
    private readonly Channel<(string Number, long Ticks)> announced = Channel.CreateUnbounded<(string, long)>();
    private readonly ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);
    private readonly Task reading;
    private readonly Task tapping;

    private ClickToDisplay(HttpClient loket, HttpClient display, StreamReader stream, MqttClient tap, MqttClient roundTrip, SiteTopics topics)
    {
        this.loket = loket;
        this.display = display;
        this.stream = stream;
        this.tap = tap;
        this.roundTrip = roundTrip;
        this.topics = topics;
        reading = Task.Run(ReadDisplayAsync);
        tapping = Task.Run(TapAsync);
    }

    public static async Task<ClickToDisplay> StartAsync(Uri screens, PrivateBroker broker, string site)
    {
        var loket = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = screens, Timeout = Wait };
        using (var login = await loket.PostAsJsonAsync("/api/loket/masuk", new LoginRequest(1, broker.For(BrokerRoles.Counter(1)).Password), ScreensJson.Options))
        {
            if (!login.IsSuccessStatusCode)
            {
                throw new BenchFailure($"loket 1 could not log in: HTTP {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
            }
        }

        var display = new HttpClient { BaseAddress = screens, Timeout = Timeout.InfiniteTimeSpan };
        var stream = new StreamReader(await display.GetStreamAsync("/api/layar/aliran"));
        var topics = new SiteTopics(site);
        var kiosk = broker.For(BrokerRoles.Kiosk);
        var tap = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "screens-bench-tap", Username = kiosk.Username, Password = kiosk.Password });
        await tap.StartAsync(CancellationToken.None);
        await tap.SubscribeAsync([new MqttTopicFilter(topics.Command(1), MqttQos.AtLeastOnce), new MqttTopicFilter(topics.Reply(1), MqttQos.AtLeastOnce), new MqttTopicFilter(topics.Events, MqttQos.AtLeastOnce)], CancellationToken.None);
        var roundTrip = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "screens-bench-roundtrip", Username = kiosk.Username, Password = kiosk.Password });
        await roundTrip.StartAsync(CancellationToken.None);
        await roundTrip.SubscribeAsync([new MqttTopicFilter(topics.Root + "/bench/roundtrip", MqttQos.AtLeastOnce)], CancellationToken.None);
        return new ClickToDisplay(loket, display, stream, tap, roundTrip, topics);
    }

    /// <summary>Emergency call + serve, <paramref name="calls"/> times after a warm-up; the click's hops in milliseconds.</summary>
    public async Task<Hops> MeasureClicksAsync(int calls)
    {
        var hops = new Hops();
        for (var i = 0; i < calls + WarmUp; i++)
        {
            var commandId = Guid.NewGuid().ToString("N");
            var started = Stopwatch.GetTimestamp();
            var number = await CommandAsync(new LoketCommandRequest { CommandId = commandId, Type = WireAdapter.Name(CommandType.Emergency), Service = "UMUM", Reason = "bench" });
            var answered = Stopwatch.GetTimestamp();
            (string Number, long Ticks) shown;
            do
            {
                shown = await announced.Reader.ReadAsync().AsTask().WaitAsync(Wait);
            }
            while (shown.Number != number);

            if (i >= WarmUp)
            {
                hops.Add(started, answered, shown.Ticks, await SeenAsync("command " + commandId), await SeenAsync("reply " + commandId), await SeenAsync("event " + number));
            }

            await CommandAsync(new LoketCommandRequest { CommandId = Guid.NewGuid().ToString("N"), Type = WireAdapter.Name(CommandType.Serve) });
        }

        return hops;
    }

    /// <summary>QoS 1 publish to a topic the same client subscribes to, <paramref name="count"/> times after a warm-up.</summary>
    public async Task<List<double>> MeasureRoundTripsAsync(int count)
    {
        var topic = topics.Root + "/bench/roundtrip";
        var times = new List<double>(count);
        for (var i = 0; i < count + WarmUp; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await roundTrip.PublishAsync(new MqttApplicationMessage(topic, "x"u8.ToArray(), MqttQos.AtLeastOnce), CancellationToken.None);
            await roundTrip.Messages.ReadAsync().AsTask().WaitAsync(Wait);
            if (i >= WarmUp)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }

    public async ValueTask DisposeAsync()
    {
        stream.Dispose();
        display.Dispose();
        loket.Dispose();
        await tap.DisposeAsync();
        await roundTrip.DisposeAsync();
        await Task.WhenAny(Task.WhenAll(reading, tapping), Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private async Task<long> SeenAsync(string key)
    {
        // The tap may see a hop a moment after the display did (it is one more subscriber): wait for it, boundedly.
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        long ticks;
        while (!seen.TryRemove(key, out ticks))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BenchFailure($"the broker tap never saw the {key.Split(' ')[0]} of a click");
            }

            await Task.Delay(1);
        }

        return ticks;
    }

    private async Task<string> CommandAsync(LoketCommandRequest body)
    {
        // A 202 is "not answered yet" (the host keeps sending): ask again with the same id, as the page does.
        var response = await loket.PostAsJsonAsync("/api/loket/1/perintah", body, ScreensJson.Options);
        for (var again = 0; response.StatusCode == System.Net.HttpStatusCode.Accepted && again < 20; again++)
        {
            response.Dispose();
            response = await loket.PostAsJsonAsync("/api/loket/1/perintah", body, ScreensJson.Options);
        }

        using var answered = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailure($"a loket {body.Type} command was refused: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var answer = await response.Content.ReadFromJsonAsync<CommandAnswer>(ScreensJson.Options);
        if (answer is not { Ok: true })
        {
            throw new BenchFailure($"a loket {body.Type} command was refused: {answer?.ErrorCode} {answer?.Message}");
        }

        return answer.Ticket?.Number ?? "";
    }

    private async Task ReadDisplayAsync()
    {
        string? eventName = null;
        try
        {
            while (await stream.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "panggilan")
                {
                    var ticks = Stopwatch.GetTimestamp();
                    var call = System.Text.Json.JsonSerializer.Deserialize<Announcement>(line[6..], ScreensJson.Options);
                    announced.Writer.TryWrite((call?.Number ?? "", ticks));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or HttpRequestException)
        {
            // The stream is closed at the end of the run.
        }
    }

    private async Task TapAsync()
    {
        try
        {
            await foreach (var message in tap.Messages.ReadAllAsync())
            {
                var ticks = Stopwatch.GetTimestamp();
                if (message.Topic == topics.Events)
                {
                    var envelope = ContractJson.Deserialize<EventEnvelope>(message.Payload.Span);
                    if (envelope.Type == EventTypes.TicketCalled)
                    {
                        seen.TryAdd("event " + envelope.ReadData<TicketData>().Number, ticks);
                    }
                }
                else if (message.Topic == topics.Command(1))
                {
                    seen.TryAdd("command " + ContractJson.Deserialize<CounterCommandMessage>(message.Payload.Span).CommandId, ticks);
                }
                else if (ContractJson.Deserialize<CounterReply>(message.Payload.Span).CommandId is { } commandId)
                {
                    seen.TryAdd("reply " + commandId, ticks);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException)
        {
            // Closed at the end of the run.
        }
    }
}

/// <summary>Per click: the whole latency and each hop, in milliseconds.</summary>
internal sealed class Hops
{
    public List<double> Total { get; } = [];

    public List<double> HttpAnswer { get; } = [];

    public List<double> ToCommand { get; } = [];

    public List<double> CommandToReply { get; } = [];

    public List<double> CommandToEvent { get; } = [];

    public List<double> EventToDisplay { get; } = [];

    public void Add(long started, long answered, long shown, long command, long reply, long @event)
    {
        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        Total.Add(Ms(started, shown));
        HttpAnswer.Add(Ms(started, answered));
        ToCommand.Add(Ms(started, command));
        CommandToReply.Add(Ms(command, reply));
        CommandToEvent.Add(Ms(command, @event));
        EventToDisplay.Add(Ms(@event, shown));
    }
}
