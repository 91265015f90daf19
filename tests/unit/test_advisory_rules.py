from evalapp.rules.advisory import missing_before_report, site_visit_required


def test_site_visit_required_but_for_a_re_evaluation():
    assert site_visit_required("first_time")
    assert site_visit_required("upgrade")
    assert not site_visit_required("re_evaluation")


def test_missing_before_report_names_each_gap():
    assert missing_before_report(
        "first_time", unreviewed_documents=2, site_visits=0, pending_lab_tests=1
    ) == ("documents", "site_visit", "lab_tests")
    assert (
        missing_before_report(
            "first_time", unreviewed_documents=0, site_visits=1, pending_lab_tests=0
        )
        == ()
    )


def test_re_evaluation_reports_without_a_site_visit():
    assert (
        missing_before_report(
            "re_evaluation", unreviewed_documents=0, site_visits=0, pending_lab_tests=0
        )
        == ()
    )
