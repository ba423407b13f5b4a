using System.Text.Json;
using Kiosk.Broker;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.Simulator;

namespace Kiosk.Device.Tests.EndToEnd;

/// <summary>
/// The whole kiosk in this process: the real host, queue engine on a real SQLite file in a temp folder, the real MQTT
/// client against a private Mosquitto, with the simulated buttons, reader and printer of the simulator.
/// </summary>
internal sealed class KioskHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    public const string Site = "pkm-kokop";
    public const int LockoutMilliseconds = 200;
    private readonly string folder;
    private readonly Dictionary<string, DateTime> lastPress = new(StringComparer.Ordinal);

    private readonly bool ownsFolder;

    private KioskHarness(SimulatorSession session, string folder, bool ownsFolder)
    {
        Session = session;
        this.folder = folder;
        this.ownsFolder = ownsFolder;
    }

    public SimulatorSession Session { get; }

    public PrivateBroker Broker => Session.Broker;

    public static Kiosk.Contract.Topics.SiteTopics Topics { get; } = new(Site);

    public string Root { get; } = Topics.Root;

    public static async Task<KioskHarness> StartAsync(IReadOnlyDictionary<string, string>? overrides = null, string? dataDirectory = null)
    {
        var folder = dataDirectory ?? Directory.CreateTempSubdirectory("kiosk-e2e-").FullName;
        var settings = new Dictionary<string, string>
        {
            // Fast reconnects keep outage tests short; everything else is the shipped sample configuration.
            ["Kiosk:Mqtt:KeepAliveSeconds"] = "5",
            // A short double-press lock-out keeps tests that issue several tickets from one button quick.
            ["Kiosk:Hardware:ButtonLockoutMilliseconds"] = LockoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var session = await SimulatorSession.StartAsync(new SimulatorSessionOptions { DataDirectory = folder, Overrides = settings }, CancellationToken.None);
        return new KioskHarness(session, folder, ownsFolder: dataDirectory is null);
    }

    public BrokerCredentials User(string role) => Broker.For(role);

    /// <summary>Presses a button and returns what the kiosk did with it.</summary>
    public async Task<KioskActivityEventArgs> PressAsync(string buttonId)
    {
        // A press inside the lock-out of the previous ticket is ignored by design; the next patient comes a moment later.
        if (lastPress.TryGetValue(buttonId, out var previous))
        {
            // The simulated panel plays a press on a timeline that runs ahead of the real clock by the press length
            // and the debounce (about 150 ms), and the lock-out starts on that timeline.
            var wait = previous.AddMilliseconds(LockoutMilliseconds + 300) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var done = Activities(buttonId, 1, a => a.Kind != KioskActivity.QueuedKind);
        Session.Buttons.Press(buttonId);
        var outcome = (await done.WaitAsync(Wait))[0];

        // The lock-out runs from the press the ticket came from; waiting from now on is more than enough.
        lastPress[buttonId] = DateTime.UtcNow;
        return outcome;
    }

    public async Task<KioskActivityEventArgs> ScanAsync(string text)
    {
        var done = NextActivity("scan");
        Session.Scanner.Scan(text);
        return await done.WaitAsync(Wait);
    }

    /// <summary>The next <paramref name="count"/> happenings from <paramref name="source"/> that match <paramref name="which"/>.</summary>
    public Task<IReadOnlyList<KioskActivityEventArgs>> Activities(string source, int count, Func<KioskActivityEventArgs, bool> which)
    {
        var seen = new List<KioskActivityEventArgs>();
        var done = new TaskCompletionSource<IReadOnlyList<KioskActivityEventArgs>>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, KioskActivityEventArgs e)
        {
            lock (seen)
            {
                if (e.Source != source || !which(e) || seen.Count == count)
                {
                    return;
                }

                seen.Add(e);
                if (seen.Count == count)
                {
                    Session.Activity.Happened -= Handler;
                    done.TrySetResult(seen.ToArray());
                }
            }
        }

        Session.Activity.Happened += Handler;
        return done.Task;
    }

    public Task<KioskActivityEventArgs> NextActivity(string source)
    {
        var next = new TaskCompletionSource<KioskActivityEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, KioskActivityEventArgs e)
        {
            if (e.Source == source && next.TrySetResult(e))
            {
                Session.Activity.Happened -= Handler;
            }
        }

        Session.Activity.Happened += Handler;
        return next.Task;
    }

    /// <summary>Receipts the virtual printer decoded, as the patient would hold them.</summary>
    public IReadOnlyList<Receipt> Receipts => Session.Printer.Receipts;

    /// <summary>Sends a counter command as the counter-N broker user (the real ACL applies) and returns the reply.</summary>
    public Task<JsonElement> CommandAsync(int counter, object command) => CommandRawAsync(counter, JsonSerializer.Serialize(command));

    /// <summary>Sends any payload, well-formed or not, as counter N's command.</summary>
    public async Task<JsonElement> CommandRawAsync(int counter, string payload)
    {
        await using var replies = await MosquittoSubscriber.StartAsync(Broker, User(BrokerRoles.Counter(counter)), Topics.Reply(counter));
        await MosquittoClients.PublishAsync(Broker, User(BrokerRoles.Counter(counter)), Topics.Command(counter), payload);
        var (topic, reply) = await replies.NextAsync(Wait);
        // Every reply an end-to-end test reads must follow docs/asyncapi.yaml, refusals of garbage included.
        var violations = ContractDocument.Load().ValidateMessage(Topics, topic, System.Text.Encoding.UTF8.GetBytes(reply));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        return JsonDocument.Parse(reply).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        if (!ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
