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
    /// <summary>The BPJS bridge asks the kiosk (e.g. for a ticket's card): written by <c>bpjs</c>, read by <c>kiosk</c>.</summary>
    BpjsRequest,
    /// <summary>The kiosk's answer to the BPJS bridge; may carry a full card number: written by <c>kiosk</c>, read by <c>bpjs</c>.</summary>
    BpjsReply,
    /// <summary>The BPJS bridge's backlog and today's refusals, retained: written by <c>bpjs</c>, read by <c>counter-N</c> and <c>kiosk</c>.</summary>
    BpjsStatus,
}
