namespace Kiosk.Bpjs.Outbox;

/// <summary>What <see cref="ReportOutbox.Add"/> did with a planned report.</summary>
public enum AddResult
{
    /// <summary>Stored pending.</summary>
    Added,

    /// <summary>Its event (or the same kind for its ticket) is stored already: a redelivered MQTT message adds nothing.</summary>
    AlreadyStored,

    /// <summary>Stored as refused at once: an earlier report of its ticket was refused, so BPJS never knew the ticket.</summary>
    StoppedByRefusal,

    /// <summary>Not stored: a panggil or batal for a ticket BPJS was never told about (printed before the bridge ran; never a Mobile JKN booking, which BPJS made).</summary>
    NoTambah,
}
