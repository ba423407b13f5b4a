namespace Kiosk.Contract.Events;

/// <summary>The <c>data</c> of <c>day.opened</c> and <c>day.closed</c>; a closed day expired its waiting tickets.</summary>
public sealed record DayData(DateOnly BusinessDay, int ExpiredTickets);
