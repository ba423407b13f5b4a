using Kiosk.Contract.District;

namespace Kiosk.District.Tests;

public sealed class SubjectTests
{
    [Theory]
    [InlineData("puskesmas.pkm-kokop.events", "pkm-kokop", DistrictSubjectKind.Events, null)]
    [InlineData("puskesmas.pkm_2.status.k1", "pkm_2", DistrictSubjectKind.Status, "k1")]
    [InlineData("puskesmas.pkm-kokop.link", "pkm-kokop", DistrictSubjectKind.Link, null)]
    public void A_subject_of_the_tree_reads_back(string subject, string site, DistrictSubjectKind kind, string? kiosk)
    {
        Assert.True(DistrictSubjects.TryParse(subject, out var parsed));
        Assert.Equal(new DistrictSubject(site, kind, kiosk), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("puskesmas")]
    [InlineData("puskesmas.pkm.events.extra")]
    [InlineData("puskesmas.pk m.events")]
    [InlineData("puskesmas.*.events")]
    [InlineData("queue.pkm.events")]
    [InlineData("puskesmas.pkm.status")]
    public void Anything_else_is_refused(string subject) => Assert.False(DistrictSubjects.TryParse(subject, out _));

    [Fact]
    public void Written_subjects_read_back()
    {
        Assert.True(DistrictSubjects.TryParse(DistrictSubjects.Events("a"), out var events));
        Assert.Equal(DistrictSubjectKind.Events, events.Kind);
        Assert.True(DistrictSubjects.TryParse(DistrictSubjects.Status("a", "k"), out var status));
        Assert.Equal("k", status.KioskId);
        Assert.Throws<ArgumentException>(() => DistrictSubjects.Events("a.b"));
    }
}
