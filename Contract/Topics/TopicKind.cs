namespace Kiosk.Contract.Topics;

/// <summary>The channels of docs/asyncapi.yaml.</summary>
public enum TopicKind
{
    Unknown,
    Events,
    State,
    Display,
    KioskStatus,
    Command,
    Reply,
    /// <summary>Written by the site broker's bridge (Mosquitto notifications): "1" connected, "0" not.</summary>
    BridgeStatus,
}
