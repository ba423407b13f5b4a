using Kiosk.Device.Input;

namespace Kiosk.Device.Tests.Units;

public sealed class PressAdmissionTests
{
    private static readonly TimeSpan Lockout = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public void Thirty_presses_0_6_s_apart_give_a_ticket_every_third_press_and_every_other_press_a_double_press_refusal()
    {
        var admission = new PressAdmission(Lockout);
        var decisions = new List<PressDecision>();
        for (var press = 0; press < 30; press++)
        {
            var at = TimeSpan.FromMilliseconds(600 * press);
            var decision = admission.Decide("umum", at, out _);
            decisions.Add(decision);
            if (decision == PressDecision.Taken)
            {
                admission.Finished("umum", at, refused: false);
            }
        }

        Assert.Equal(30, decisions.Count);
        Assert.Equal(10, decisions.Count(d => d == PressDecision.Taken));
        Assert.Equal(20, decisions.Count(d => d == PressDecision.DoublePress));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 3), decisions.Select((d, i) => (d, i)).Where(p => p.d == PressDecision.Taken).Select(p => p.i));
    }

    [Fact]
    public void A_press_after_the_lock_out_counts_while_the_previous_ticket_still_prints_and_learns_how_many_are_ahead()
    {
        var admission = new PressAdmission(Lockout);

        Assert.Equal(PressDecision.Taken, admission.Decide("umum", TimeSpan.Zero, out var first));
        Assert.Equal(PressDecision.Taken, admission.Decide("bpjs", TimeSpan.FromMilliseconds(300), out var otherButton));
        Assert.Equal(PressDecision.DoublePress, admission.Decide("umum", TimeSpan.FromMilliseconds(1000), out _));
        Assert.Equal(PressDecision.Taken, admission.Decide("umum", TimeSpan.FromMilliseconds(1600), out var rushing));

        Assert.Equal(0, first);
        Assert.Equal(1, otherButton);
        Assert.Equal(2, rushing);
        Assert.Equal(2, admission.Waiting);
    }

    [Fact]
    public void A_crowd_beyond_the_waiting_limit_is_told_to_press_again_and_a_refused_press_does_not_lock_its_button()
    {
        var admission = new PressAdmission(Lockout);
        for (var i = 0; i <= PressAdmission.MaxWaiting; i++)
        {
            Assert.Equal(PressDecision.Taken, admission.Decide($"tombol-{i}", TimeSpan.Zero, out _));
        }

        Assert.Equal(PressDecision.Busy, admission.Decide("lain", TimeSpan.Zero, out var ahead));
        Assert.Equal(PressAdmission.MaxWaiting + 1, ahead);

        // The first ticket was refused (paper out): its patient may press again at once.
        admission.Finished("tombol-0", TimeSpan.Zero, refused: true);
        Assert.Equal(PressDecision.Taken, admission.Decide("tombol-0", TimeSpan.FromMilliseconds(200), out _));
    }
}
