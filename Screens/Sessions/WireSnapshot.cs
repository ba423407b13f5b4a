using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>The retained state as WireAdapter read it; <see cref="LastCalls"/> is null when the snapshot has none.</summary>
public sealed record WireSnapshot(string? BusinessDay, bool DayClosed, long Sequence, IReadOnlyList<ViewService> Services, IReadOnlyList<ViewCounter> Counters, IReadOnlyList<ViewCall>? LastCalls);
