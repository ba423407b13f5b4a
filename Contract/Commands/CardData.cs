namespace Kiosk.Contract.Commands;

/// <summary>A card number read at the kiosk: personal data, only ever on the counter's own reply topic.</summary>
public sealed record CardData(CardKind Kind, string Number);
