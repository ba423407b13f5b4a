namespace Kiosk.Vm.Tests.Support;

/// <summary>
/// Whether the VM tier runs. It is opt-in (KIOSK_VM_TESTS=1) until it has passed whole on an idle machine: on the
/// machine it was written on, other builds kept the load above 40 on 2 cores, a TCG boot took 4 min 47 s and dpkg -i
/// 9 min, and an unproven tier must not fail the suite. On 1 December 2026 (load 15 to 30 from other builds) it
/// still had not passed whole: boot to SSH 117 s, dpkg -i plus kiosk-setup to READY 434 s, one VM class 17 to 35
/// min, and a boot that missed its 8 min SSH bound with three guests at once. CI_UNDER_LOAD=1 always leaves it out.
/// </summary>
internal static class VmTier
{
    public static string? WhyLeftOut() =>
        Environment.GetEnvironmentVariable("CI_UNDER_LOAD") == "1" ? "CI_UNDER_LOAD=1: the VM tier is left out under load"
        : Environment.GetEnvironmentVariable("KIOSK_VM_TESTS") != "1" ? "the VM tier is opt-in until proven on an idle machine: set KIOSK_VM_TESTS=1 to run it"
        : null;
}
