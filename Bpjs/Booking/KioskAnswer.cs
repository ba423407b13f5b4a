using Kiosk.Contract.Bpjs;

namespace Kiosk.Bpjs.Booking;

/// <summary>The kiosk's reply to a Mobile JKN question, or none: <see cref="Reply"/> is null when it did not answer in time.</summary>
public sealed record KioskAnswer(BpjsReply? Reply)
{
    public static KioskAnswer NoAnswer { get; } = new((BpjsReply?)null);

    public bool Answered => Reply is not null;
}
