using System.Globalization;

namespace Kiosk.Contract.Topics;

/// <summary>
/// The MQTT topic tree of one site, <c>queue/{site}/...</c>, as docs/asyncapi.yaml describes it. This is the only place
/// the tree is spelled: the kiosk, the broker ACL and bridge, the simulator and the screens ask it for their topics.
/// Counter numbers in topics are the N of the <c>counter-N</c> broker users, so the ACL is what proves who sent a command.
/// </summary>
public sealed class SiteTopics
{
    public const string Prefix = "queue";

    public SiteTopics(string site)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        Site = site;
        Root = $"{Prefix}/{site}";
    }

    public string Site { get; }

    /// <summary><c>queue/{site}</c>.</summary>
    public string Root { get; }

    /// <summary><c>queue/{site}/#</c>: the whole tree of the site.</summary>
    public string All => $"{Root}/#";

    public string Events => $"{Root}/events";

    public string State => $"{Root}/state";

    public string KioskStatus(string kioskId) => $"{Root}/kiosk/{kioskId}/status";

    /// <summary><c>queue/{site}/kiosk/+/status</c>.</summary>
    public string AnyKioskStatus => $"{Root}/kiosk/+/status";

    public string Display(int counter) => $"{Root}/display/{Number(counter)}";

    /// <summary><c>queue/{site}/display/+</c>.</summary>
    public string AnyDisplay => $"{Root}/display/+";

    public string Command(int counter) => $"{Root}/counter/{Number(counter)}/command";

    /// <summary><c>queue/{site}/counter/+/command</c>: what the kiosk subscribes to.</summary>
    public string AnyCommand => $"{Root}/counter/+/command";

    public string Reply(int counter) => $"{Root}/counter/{Number(counter)}/reply";

    /// <summary><c>queue/{site}/counter/+/reply</c>.</summary>
    public string AnyReply => $"{Root}/counter/+/reply";

    /// <summary><c>queue/{site}/bridge/status</c>: Mosquitto's own bridge notification, "1" or "0", retained.</summary>
    public string BridgeStatus => $"{Root}/bridge/status";

    /// <summary>
    /// <c>queue/{site}/bpjs/request</c>: the BPJS bridge's private questions to the kiosk. Only the <c>bpjs</c> user
    /// writes it and only the <c>kiosk</c> reads it (ACL).
    /// </summary>
    public string BpjsRequest => $"{Root}/bpjs/request";

    /// <summary>
    /// <c>queue/{site}/bpjs/reply</c>: the kiosk's answers to the BPJS bridge, with full card numbers. Only the
    /// <c>kiosk</c> writes it and only the <c>bpjs</c> user reads it (ACL).
    /// </summary>
    public string BpjsReply => $"{Root}/bpjs/reply";

    /// <summary>
    /// <c>queue/{site}/bpjs/status</c>: the BPJS bridge's backlog and today's refused tickets, retained. Only the
    /// <c>bpjs</c> user writes it; the lokets (<c>counter-N</c>) and the kiosk read it (ACL).
    /// </summary>
    public string BpjsStatus => $"{Root}/bpjs/status";

    /// <summary>Reads the counter number out of <c>queue/{site}/counter/{N}/command</c>; false for anything else.</summary>
    public bool TryParseCommandTopic(string topic, out int counter)
    {
        if (Classify(topic, out counter) == TopicKind.Command)
        {
            return true;
        }

        counter = 0;
        return false;
    }

    /// <summary>Which channel a topic of this site is; <paramref name="number"/> is the counter of display, command and reply topics.</summary>
    public TopicKind Classify(string topic, out int number)
    {
        ArgumentNullException.ThrowIfNull(topic);
        number = 0;
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            return TopicKind.Unknown;
        }

        var levels = topic[(Root.Length + 1)..].Split('/');
        return levels switch
        {
            ["events"] => TopicKind.Events,
            ["state"] => TopicKind.State,
            ["bridge", "status"] => TopicKind.BridgeStatus,
            ["bpjs", "request"] => TopicKind.BpjsRequest,
            ["bpjs", "reply"] => TopicKind.BpjsReply,
            ["bpjs", "status"] => TopicKind.BpjsStatus,
            ["kiosk", { Length: > 0 } kiosk, "status"] when !kiosk.Contains('+', StringComparison.Ordinal) && !kiosk.Contains('#', StringComparison.Ordinal) => TopicKind.KioskStatus,
            ["display", var n] when TryCounter(n, out number) => TopicKind.Display,
            ["counter", var n, "command"] when TryCounter(n, out number) => TopicKind.Command,
            ["counter", var n, "reply"] when TryCounter(n, out number) => TopicKind.Reply,
            _ => TopicKind.Unknown,
        };
    }

    private static bool TryCounter(string text, out int counter) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out counter) && counter > 0 && text[0] != '0';

    private static string Number(int counter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counter, 1);
        return counter.ToString(CultureInfo.InvariantCulture);
    }
}
