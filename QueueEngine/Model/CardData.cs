using Kiosk.Contract;

namespace Kiosk.Queue.Model;

/// <summary>Personal data read from a card. Only counters may see it; it never enters the outbox.</summary>
public sealed record CardData(CardKind Kind, string Number)
{
    /// <summary>Last four characters only, for exports and logs.</summary>
    public string Masked => Number.Length <= 4 ? new string('*', Number.Length) : new string('*', Number.Length - 4) + Number[^4..];

    public override string ToString() => $"{Kind}:{Masked}";
}
