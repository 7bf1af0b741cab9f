from kb.spelling import variants


def test_common_transliterations_are_found():
    assert "suleimani" in variants("Qasem Soleimani")
    assert "qassem" not in variants("Qasem")  # one step only: no doubling noise
    assert "kasem" in variants("Qasem")
    assert "saidi" in variants("al-Saeedi") or "saedi" in variants("al-Saeedi")


def test_short_particles_get_no_variants():
    assert variants("al Abu bin") == set()


def test_the_name_itself_is_not_a_variant():
    assert "soleimani" not in variants("Soleimani")
