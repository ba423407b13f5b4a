namespace Kiosk.District.Cluster;

/// <summary>What a NATS user may publish and subscribe to (allow lists; everything else is refused by the server).</summary>
public sealed record NatsPermissions(IReadOnlyList<string> PublishAllow, IReadOnlyList<string> SubscribeAllow);
