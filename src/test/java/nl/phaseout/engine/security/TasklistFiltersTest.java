package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.phaseout.engine.EndToEndTest;

/** The Tasklist filters carry Dutch names; a database from before 0.3 has its English-named ones renamed. */
class TasklistFiltersTest extends EndToEndTest {

	@Autowired
	FilterService filters;

	@Autowired
	TasklistFilters tasklistFilters;

	@Test
	void aFilterUnderItsFormerEnglishNameIsRenamedNotDuplicated() {
		Filter office = filters.createFilterQuery().filterName(TasklistFilters.PROGRAMME_OFFICE).singleResult();
		filters.saveFilter(office.setName("Programme office"));

		tasklistFilters.afterSingletonsInstantiated();

		assertThat(filters.createFilterQuery().filterName("Programme office").count()).isZero();
		Filter renamed = filters.createFilterQuery().filterName(TasklistFilters.PROGRAMME_OFFICE).singleResult();
		assertThat(renamed.getId()).isEqualTo(office.getId());
		assertThat(renamed.getProperties()).containsEntry("description",
				"Taken op programmaniveau: gemiste mijlpalen en escalaties");
		assertThat(filters.createFilterQuery().filterName(TasklistFilters.MY_ORGANISATION).count()).isEqualTo(1);
	}

}
