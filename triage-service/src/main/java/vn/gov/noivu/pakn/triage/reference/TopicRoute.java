package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.gov.noivu.pakn.events.AuthorityLevel;

/** Routing rule of a topic: responsible unit, default authority level, task and deliverable templates. */
@Entity
@Table(name = "topic_route")
public class TopicRoute extends PanacheEntityBase {

    @Id
    @Column(name = "topic_code")
    public String topicCode;
    @Column(name = "topic_name")
    public String topicName;
    @Column(name = "unit_code")
    public String unitCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "authority_level")
    public AuthorityLevel authorityLevel;
    @Column(name = "task_template")
    public String taskTemplate;
    @Column(name = "deliverable_template")
    public String deliverableTemplate;
}
