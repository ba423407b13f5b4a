using System.Text.Json.Serialization;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Commands;

/// <summary>The <c>type</c> of a counter command, and of its reply.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CommandType>))]
public enum CommandType
{
    /// <summary>Call the next ticket of this counter's services (priority first).</summary>
    CallNext,
    /// <summary>Call <c>ticketNumber</c> (or <c>ticketId</c>) out of order.</summary>
    Call,
    Recall,
    Skip,
    NoShow,
    /// <summary>A skipped patient came back: <c>ticketNumber</c> goes back into the queue.</summary>
    Return,
    /// <summary>Done with the current patient.</summary>
    Serve,
    /// <summary>Send the current patient to <c>poli</c>: a new number in that poli's queue.</summary>
    Transfer,
    Cancel,
    /// <summary>A ticket made and called at this counter in <c>service</c> (UGD bypass, out-of-hours registration).</summary>
    Emergency,
    Pause,
    Resume,
    /// <summary>
    /// A numbered ticket of <c>service</c> made at this counter for a patient the kiosk cannot serve (printer down,
    /// kiosk off): numbered by the kiosk as usual, it waits in the same queue as a printed ticket and is not called.
    /// </summary>
    Issue,
    /// <summary>
    /// Changes nothing: the reply carries the ticket this counter serves now (card data included), so a loket page
    /// that logged in again or reloaded shows the patient in front of the officer as before.
    /// </summary>
    Serving,
}
