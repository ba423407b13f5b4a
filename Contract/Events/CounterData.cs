namespace Kiosk.Contract.Events;

/// <summary>The <c>data</c> of <c>counter.paused</c> and <c>counter.resumed</c>; <see cref="NowServing"/> is a ticket number or null.</summary>
public sealed record CounterData(string CounterId, bool Paused, string? NowServing);
