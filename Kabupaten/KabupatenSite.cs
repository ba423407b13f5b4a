namespace Kiosk.Kabupaten;

/// <summary>One Puskesmas of the simulated kabupaten and the day it plays.</summary>
/// <param name="Id">The site id (<c>pkm-…</c>), the kiosk's <c>Kiosk:Site:Id</c> and the NATS subjects' site.</param>
/// <param name="Scenario">A scenario shipped with the simulator (<c>hari-biasa</c>, <c>hari-sibuk</c>) or a path.</param>
/// <param name="Seed">The scenario's random seed: the same scenario with another seed is another day.</param>
public sealed record KabupatenSite(string Id, string Name, string Scenario, int Seed);
