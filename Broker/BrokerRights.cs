using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// The role table: which channel each broker user may read or write. The one source for the ACL
/// (<see cref="BrokerAcl"/>), the topics the district bridge forwards (<see cref="BrokerBridge"/>) and the per-role
/// operations of docs/asyncapi.yaml (a contract test compares the document with this table).
/// </summary>
public static class BrokerRights
{
    /// <summary>
    /// What every reader role sees: the public tree. Never a counter's reply, which may carry card data. The LED board
    /// lines are public too (they show what the waiting-room screen shows), so the bridge forwards them to the district.
    /// </summary>
    public static IReadOnlyList<BrokerGrant> PublicRead { get; } =
    [
        new(TopicAccess.Read, TopicKind.State),
        new(TopicAccess.Read, TopicKind.Events),
        new(TopicAccess.Read, TopicKind.KioskStatus),
        new(TopicAccess.Read, TopicKind.Display),
    ];

    /// <summary>The kiosk is the one authority: it publishes everything and reads every counter's commands.</summary>
    public static IReadOnlyList<BrokerGrant> Kiosk { get; } =
    [
        .. Enum.GetValues<TopicKind>().Where(k => k != TopicKind.Unknown).Select(k => new BrokerGrant(TopicAccess.ReadWrite, k)),
    ];

    /// <summary>Displays read the public tree only.</summary>
    public static IReadOnlyList<BrokerGrant> Display => PublicRead;

    /// <summary>Counter N writes its own commands, reads its own replies and the public tree.</summary>
    public static IReadOnlyList<BrokerGrant> Counter { get; } =
    [
        new(TopicAccess.Write, TopicKind.Command, OwnCounterOnly: true),
        new(TopicAccess.Read, TopicKind.Reply, OwnCounterOnly: true),
        .. PublicRead,
        // The loket page shows the officer which of today's tickets BPJS refused and what waits for BPJS.
        new(TopicAccess.Read, TopicKind.BpjsStatus),
    ];

    /// <summary>The bridge reads the public tree and forwards it to the district; it never writes into the site.</summary>
    public static IReadOnlyList<BrokerGrant> Bridge => PublicRead;

    /// <summary>
    /// The BPJS bridge reads what it reports (events) and whether the kiosk is there (kiosk statuses), writes only its
    /// questions to the kiosk and reads only their answers, and writes its own status (backlog, refused tickets). Never a
    /// counter's topics, never the state or LED lines.
    /// </summary>
    public static IReadOnlyList<BrokerGrant> Bpjs { get; } =
    [
        new(TopicAccess.Read, TopicKind.Events),
        new(TopicAccess.Read, TopicKind.KioskStatus),
        new(TopicAccess.Write, TopicKind.BpjsRequest),
        new(TopicAccess.Read, TopicKind.BpjsReply),
        new(TopicAccess.Write, TopicKind.BpjsStatus),
    ];

    /// <summary>The grants of a role name: <c>kiosk</c>, <c>display</c>, <c>bridge</c>, <c>bpjs</c> or <c>counter-N</c>.</summary>
    public static IReadOnlyList<BrokerGrant> For(string role) => role switch
    {
        BrokerRoles.Kiosk => Kiosk,
        BrokerRoles.Display => Display,
        BrokerRoles.Bridge => Bridge,
        BrokerRoles.Bpjs => Bpjs,
        _ when BrokerRoles.IsCounter(role) => Counter,
        _ => throw new ArgumentException($"'{role}' is not a broker role (kiosk, display, bridge, bpjs, counter-N).", nameof(role)),
    };

    /// <summary>The topic filter of one grant for a site; <paramref name="counter"/> is N for a counter's own topics.</summary>
    public static string Filter(SiteTopics topics, BrokerGrant grant, int counter = 0)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Channel switch
        {
            TopicKind.Events => topics.Events,
            TopicKind.State => topics.State,
            TopicKind.KioskStatus => topics.AnyKioskStatus,
            TopicKind.Display => topics.AnyDisplay,
            TopicKind.BridgeStatus => topics.BridgeStatus,
            TopicKind.BpjsRequest => topics.BpjsRequest,
            TopicKind.BpjsReply => topics.BpjsReply,
            TopicKind.BpjsStatus => topics.BpjsStatus,
            TopicKind.Command => grant.OwnCounterOnly ? topics.Command(counter) : topics.AnyCommand,
            TopicKind.Reply => grant.OwnCounterOnly ? topics.Reply(counter) : topics.AnyReply,
            _ => throw new ArgumentOutOfRangeException(nameof(grant), grant.Channel, "no topic for this channel"),
        };
    }
}
