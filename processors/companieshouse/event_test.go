package companieshouse

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

func eventResult() *schemas.DiscoveryResult {
	ref := "/officers/abc/appointments"
	status := "active"
	return &schemas.DiscoveryResult{
		RequestID: "r1", Provider: ProviderName, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Confidence: 0.9, APICalls: 3, Company: &schemas.CompanyProfile{Name: "ACME LIMITED", Status: &status},
		Executives: []schemas.Executive{{Name: "DOE, Jane", NormalizedName: "jane doe", Role: "director",
			SourceRef: &ref, Sources: []string{ProviderName}, Confidence: 0.9}},
	}
}

func officerEvent(data, typ string) *schemas.CompaniesHouseEvent {
	return &schemas.CompaniesHouseEvent{CompanyNumber: "01234567", Stream: "officers", ResourceKind: KindOfficer,
		ResourceURI: "/company/01234567/appointments/x1", EventType: typ, Timepoint: 7, Data: data,
		ReceivedAt: time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
}

func TestAnAppointmentEventAddsTheOfficerWithoutACall(t *testing.T) {
	res := eventResult()
	got, changed, err := ApplyEvent(res, officerEvent(`{"name":"KHAN, Amir","officer_role":"director","appointed_on":"2026-12-01"}`, "changed"))
	if err != nil || !changed {
		t.Fatalf("changed %v, err %v", changed, err)
	}
	if len(got.Executives) != 2 || got.Executives[1].Name != "KHAN, Amir" || *got.Executives[1].AppointedOn != "2026-12-01" {
		t.Fatalf("executives %+v", got.Executives)
	}
	if got.Executives[1].Confidence != 0.9 || got.APICalls != 0 || !got.FetchedAt.Equal(time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("confidence %v, calls %d, fetched %v", got.Executives[1].Confidence, got.APICalls, got.FetchedAt)
	}
	if len(res.Executives) != 1 {
		t.Error("the result given was changed in place")
	}
	if _, again, _ := ApplyEvent(got, officerEvent(`{"name":"KHAN, Amir","officer_role":"director","appointed_on":"2026-12-01"}`, "changed")); again {
		t.Error("the same event applied twice changed the result twice")
	}
}

func TestAResignationEventMarksTheOfficerFormerAndADeletionRemovesThem(t *testing.T) {
	got, changed, err := ApplyEvent(eventResult(), officerEvent(`{"name":"DOE, Jane","officer_role":"director","appointed_on":"2020-01-01","resigned_on":"2026-12-02"}`, "changed"))
	if err != nil || !changed {
		t.Fatalf("changed %v, err %v", changed, err)
	}
	if e := got.Executives[0]; len(got.Executives) != 1 || e.ResignedOn == nil || *e.ResignedOn != "2026-12-02" || e.Confidence != 0.45 {
		t.Fatalf("executives %+v", got.Executives)
	}
	gone, changed, err := ApplyEvent(eventResult(), officerEvent(`{"name":"DOE, Jane","officer_role":"director"}`, "deleted"))
	if err != nil || !changed || len(gone.Executives) != 0 {
		t.Fatalf("changed %v, err %v, executives %+v", changed, err, gone.Executives)
	}
}

func TestAProfileEventChangesTheStatusAndOtherKindsChangeNothing(t *testing.T) {
	ev := &schemas.CompaniesHouseEvent{ResourceKind: KindProfile, Data: `{"company_number":"01234567","company_status":"liquidation"}`}
	got, changed, err := ApplyEvent(eventResult(), ev)
	if err != nil || !changed || *got.Company.Status != "liquidation" || got.Company.Name != "ACME LIMITED" {
		t.Fatalf("changed %v, err %v, company %+v", changed, err, got.Company)
	}
	for _, ev := range []*schemas.CompaniesHouseEvent{
		officerEvent(`{"name":"ACME NOMINEES LIMITED","officer_role":"corporate-secretary"}`, "changed"),
		{ResourceKind: "company-psc-corporate-entity", Data: `{"name":"HOLDCO LIMITED"}`},
	} {
		if _, changed, err := ApplyEvent(eventResult(), ev); changed || err != nil {
			t.Errorf("%s %s: changed %v, err %v", ev.ResourceKind, ev.Data, changed, err)
		}
	}
	if _, _, err := ApplyEvent(eventResult(), officerEvent(`{"name":`, "changed")); err == nil {
		t.Error("an officer event whose data is not JSON applied without an error")
	}
}
