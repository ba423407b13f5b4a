namespace Kiosk.Queue.Results;

/// <summary>One service's queue on the current business day, as BPJS's "status antrean" asks it.</summary>
/// <param name="Total">Numbers taken today, walk-ins and bookings (voided ones included: the number is used up).</param>
/// <param name="Remaining">Numbers not yet called: waiting, checked in or still to come (bookings).</param>
/// <param name="NowCalling">The number of the service called last; null before the first call.</param>
public sealed record ServiceQueueStatus(string ServiceCode, DateOnly Day, int Total, int Remaining, string? NowCalling);
