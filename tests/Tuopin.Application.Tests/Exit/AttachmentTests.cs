using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

public sealed class AttachmentTests
{
    private const string Village = "三胡乡/黄柏园村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% minutes of the democratic review\n%%EOF\n");

    [Theory, BothDatabases]
    public async Task AFile_IsStoredUnderItsHash_AndReadBackAfterTheHashIsChecked(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (stepId, officer) = await AStep(county);

        var info = await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(stepId, "民主评议记录.pdf", new MemoryStream(Pdf)));

        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(sha, info.Sha256);
        Assert.Equal(Pdf.Length, info.Size);
        var store = county.Services.GetRequiredService<AttachmentStore>();
        Assert.True(File.Exists(Path.Combine(store.Root, sha[..2], sha)));
        Assert.StartsWith(county.Settings.DataDirectory, store.Root, StringComparison.Ordinal);
        var read = await county.As<ReadAttachment>(county.TownshipOfficer("三胡乡")).HandleAsync(info.Id);
        Assert.Equal(Pdf, read.Content);
        Assert.Equal("民主评议记录.pdf", read.Info.FileName);
        var timeline = (await county.As<GetHouseholdProcedure>(officer).HandleAsync(read.Info.Id == info.Id ? await HouseholdOf(county, stepId) : Guid.Empty)).Single();
        Assert.Equal(info.Id, timeline.Steps.Single(s => s.Id == stepId).Attachments.Single().Id);

        // Changed on disk: the read is refused, naming the file.
        await File.WriteAllBytesAsync(Path.Combine(store.Root, sha[..2], sha), Encoding.ASCII.GetBytes("%PDF-1.4 forged"));
        var tampered = await Assert.ThrowsAsync<ConflictException>(() => county.As<ReadAttachment>(officer).HandleAsync(info.Id));
        Assert.Contains("SHA-256", tampered.Text.Zh, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task BadUploads_AreRefusedWithTheReason_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (stepId, officer) = await AStep(county);
        var attach = county.As<AttachFile>(officer);

        foreach (var name in new[] { "../../etc/passwd.pdf", "..\\evil.pdf", "/tmp/x.pdf", "sub/dir.pdf", "C:evil.pdf" })
        {
            var error = await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new AttachFile.Request(stepId, name, new MemoryStream(Pdf))));
            Assert.Equal("upload.name_path", error.Problems.Single().Code);
        }
        var exe = await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new AttachFile.Request(stepId, "setup.exe", new MemoryStream([0x4D, 0x5A, 0x90, 0x00]))));
        Assert.Equal("upload.type", exe.Problems.Single().Code);
        Assert.Contains(".exe", exe.Text.Zh, StringComparison.Ordinal);
        var renamed = await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new AttachFile.Request(stepId, "scan.pdf", new MemoryStream([0x4D, 0x5A, 0x90, 0x00]))));
        Assert.Equal("upload.content_mismatch", renamed.Problems.Single().Code);

        await county.QueryAsync(async db => { await ProcedureSettings.SetAsync(db, ProcedureSettings.MaxAttachmentBytesKey, "20"); return 0; });
        var big = await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new AttachFile.Request(stepId, "big.pdf", new MemoryStream(Pdf))));
        Assert.Equal("upload.too_large", big.Problems.Single().Code);
        Assert.Contains("20 B", big.Text.Zh, StringComparison.Ordinal);

        await county.QueryAsync(async db => { await ProcedureSettings.SetAsync(db, ProcedureSettings.AttachmentTypesKey, "png"); return 0; });
        var notAllowed = await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new AttachFile.Request(stepId, "a.pdf", new MemoryStream(Pdf))));
        Assert.Equal("upload.type", notAllowed.Problems.Single().Code);

        Assert.Equal(0, await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Attachments)));
        var store = county.Services.GetRequiredService<AttachmentStore>();
        Assert.Empty(Directory.Exists(store.Root) ? Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories) : []);
    }

    [Theory, BothDatabases]
    public async Task AttachmentsOutsideTheUsersArea_CannotBeAddedOrRead(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (stepId, officer) = await AStep(county);
        var info = await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(stepId, "核实表.pdf", new MemoryStream(Pdf)));
        var elsewhere = county.TownshipOfficer("翔凤镇");

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AttachFile>(elsewhere).HandleAsync(new AttachFile.Request(stepId, "x.pdf", new MemoryStream(Pdf))));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReadAttachment>(elsewhere).HandleAsync(info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReadAttachment>(county.VillageOfficer("三胡乡/石桥村")).HandleAsync(info.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachFile>(county.Inspector).HandleAsync(new AttachFile.Request(stepId, "x.pdf", new MemoryStream(Pdf))));
    }

    private static async Task<(Guid StepId, Accounts.Actor Officer)> AStep(TestCounty county)
    {
        var household = await county.AddHouseholdAsync(Village);
        var officer = county.VillageOfficer(Village);
        var today = county.Today;
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, today.Year, today, [household], null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, today, "村两委会议"));
        var step = await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.ProcedureSteps.Where(s => s.Step == ProcedureStep.DemocraticReview).Select(s => s.Id)));
        return (step, officer);
    }

    private static Task<Guid> HouseholdOf(TestCounty county, Guid stepId) =>
        county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.ProcedureSteps.Where(s => s.Id == stepId).Select(s => s.HouseholdId)));
}
